/* reader.c: splits one input (file or stdin, plain or gzip) into articles:
 * whole text or HTML files, JSON Lines records, or the HTML pages of WARC
 * records.  Reads in bounded chunks so that a huge line or record is
 * skipped without being held in memory.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (128 * 1024)

/* One parsed JSON Lines record: the article's strings live here (a field
 * rewritten as text lives in the JSON object, in place of its value). */
struct rift_record {
    json_t *json;
    rift_html_result html;      /* an "html" field reduced to text */
};

struct rift_reader {
    gzFile gz;
    char *path;
    rift_format format;
    size_t max_bytes;
    char errmsg[512];
    long line;        /* line of the record last returned or skipped */
    long next_line;   /* line number of the next line to read */
    bool eof, failed, whole_done;
    /* input window */
    char *in;
    size_t in_len, in_pos;
    /* UTF-16 input (a byte order mark first), read as UTF-8: raw bytes not
     * converted yet */
    iconv_t u16;
    char *raw;
    size_t raw_len;
    /* the current record */
    rift_buf rec;
    rift_html_result html;      /* whole HTML files, WARC pages */
    rift_record jrec;           /* JSON Lines records */
    /* WARC: the record's header block, its decoded HTTP body, the
     * article's url/date/id; records read; the input given up on */
    rift_buf whead, wbody, wmeta;
    long wrecords;
    bool wdone;
};

static void set_err(rift_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_err(rift_reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
    va_end(ap);
}

/* Reads up to n bytes of the input into buf: the count, 0 at its end, -1
 * on an error (said in errmsg). */
static int read_raw(rift_reader *r, char *buf, size_t n)
{
    int got = gzread(r->gz, buf, (unsigned)n);
    int zerr;
    const char *msg = gzerror(r->gz, &zerr);
    if (got < 0)
        set_err(r, "read error: %s", zerr == Z_ERRNO ? strerror(errno) : msg);
    else if (got == 0 && zerr != Z_OK && zerr != Z_STREAM_END) /* truncated gzip */
        set_err(r, "read error: %s", msg);
    else
        return got;
    r->failed = true;
    return -1;
}

/* Converts r->raw (UTF-16) into the window as UTF-8; an unpaired surrogate,
 * or an odd byte at the end of the input, becomes U+FFFD. */
static void convert_utf16(rift_reader *r, bool at_end)
{
    char *ip = r->raw, *op = r->in;
    size_t il = r->raw_len, ol = 2 * CHUNK;
    while (il > 0 && iconv(r->u16, &ip, &il, &op, &ol) == (size_t)-1) {
        if (errno == EINVAL && !at_end)
            break; /* a unit cut by the chunk: the rest comes with the next */
        if (errno == E2BIG || ol < 3)
            break;
        size_t skip = il < 2 ? il : 2;
        ip += skip;
        il -= skip;
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        ol -= 3;
    }
    memmove(r->raw, ip, il);
    r->raw_len = il;
    r->in_len = (size_t)(op - r->in);
    r->in_pos = 0;
}

/* Refill the input window; false at end of input or on error. */
static bool fill(rift_reader *r)
{
    if (r->eof)
        return false;
    for (;;) {
        char *dst = r->u16 ? r->raw + r->raw_len : r->in;
        int got = read_raw(r, dst, r->u16 ? CHUNK - r->raw_len : CHUNK);
        if (got < 0) {
            r->eof = true;
            return false;
        }
        if (!r->u16) {
            r->in_len = (size_t)got;
            r->in_pos = 0;
        } else {
            r->raw_len += (size_t)got;
            convert_utf16(r, got == 0);
        }
        if (r->in_len > 0)
            return true;
        if (got == 0) {
            r->eof = true;
            return false;
        }
    }
}

/* A UTF-16 byte order mark at the start of the first window: from here
 * on the input is converted to UTF-8 (the mark itself left out). */
static rift_status detect_utf16(rift_reader *r)
{
    unsigned char a = r->in_len >= 2 ? (unsigned char)r->in[0] : 0;
    unsigned char b = r->in_len >= 2 ? (unsigned char)r->in[1] : 0;
    bool le = a == 0xFF && b == 0xFE, be = a == 0xFE && b == 0xFF;
    if (!le && !be)
        return RIFT_OK;
    r->u16 = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
    if (r->u16 == (iconv_t)-1) {
        r->u16 = NULL;
        set_err(r, "UTF-16 input, and no converter from it: %s", strerror(errno));
        r->failed = r->eof = true;
        return RIFT_EIO;
    }
    r->raw = rift_xmalloc(CHUNK);
    r->raw_len = r->in_len - 2;
    memcpy(r->raw, r->in + 2, r->raw_len);
    r->in = rift_xrealloc(r->in, 2 * CHUNK);
    convert_utf16(r, r->eof);
    if (r->in_len == 0)
        fill(r);
    return r->failed ? RIFT_EIO : RIFT_OK;
}

static const char *ext_of(const char *path, char *tmp, size_t tmpn)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(tmp, tmpn, "%s", base);
    size_t n = strlen(tmp);
    if (n > 3 && strcmp(tmp + n - 3, ".gz") == 0)
        tmp[n - 3] = '\0';
    const char *dot = strrchr(tmp, '.');
    return dot ? dot + 1 : "";
}

static rift_format format_by_ext(const char *path)
{
    char tmp[256];
    const char *e = ext_of(path, tmp, sizeof tmp);
    if (!strcasecmp(e, "jsonl") || !strcasecmp(e, "ndjson") || !strcasecmp(e, "json"))
        return RIFT_FORMAT_JSONL;
    if (!strcasecmp(e, "html") || !strcasecmp(e, "htm") || !strcasecmp(e, "xhtml"))
        return RIFT_FORMAT_HTML;
    if (!strcasecmp(e, "txt") || !strcasecmp(e, "text"))
        return RIFT_FORMAT_TEXT;
    if (!strcasecmp(e, "warc"))
        return RIFT_FORMAT_WARC;
    return RIFT_FORMAT_AUTO;
}

static rift_format format_by_content(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (rift_warc_version_line(s + i, n - i))
        return RIFT_FORMAT_WARC;
    if (i < n && s[i] == '{')
        return RIFT_FORMAT_JSONL;
    if (i < n && s[i] == '<') {
        size_t lim = n < 4096 ? n : 4096;
        for (size_t k = i; k + 5 <= lim; k++)
            if (!strncasecmp(s + k, "<html", 5) || !strncasecmp(s + k, "<!doc", 5) ||
                !strncasecmp(s + k, "<body", 5) || !strncasecmp(s + k, "<head", 5) ||
                !strncasecmp(s + k, "<p>", 3) || !strncasecmp(s + k, "<div", 4))
                return RIFT_FORMAT_HTML;
    }
    return RIFT_FORMAT_TEXT;
}

rift_status rift_reader_open(const char *path, const rift_reader_options *opt,
                             rift_reader **out)
{
    *out = NULL;
    if (!path)
        return RIFT_EINVAL;
    rift_reader *r = calloc(1, sizeof *r);
    if (!r)
        return RIFT_ENOMEM;
    *out = r;
    r->path = rift_xstrdup(path);
    r->max_bytes = opt && opt->max_bytes ? opt->max_bytes : RIFT_DEFAULT_MAX_BYTES;
    r->format = opt ? opt->format : RIFT_FORMAT_AUTO;
    r->next_line = 1;
    rift_buf_init(&r->rec);
    rift_buf_init(&r->whead);
    rift_buf_init(&r->wbody);
    rift_buf_init(&r->wmeta);
    r->in = rift_xmalloc(CHUNK);
    if (strcmp(path, "-") == 0) {
        int fd = dup(0);
        r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        if (!r->gz && fd >= 0)
            close(fd);
    } else {
        r->gz = gzopen(path, "rb");
    }
    if (!r->gz) {
        set_err(r, "%s", errno ? strerror(errno) : "cannot open");
        r->failed = r->eof = true;
        return RIFT_EIO;
    }
    gzbuffer(r->gz, 128 * 1024);
    if (!fill(r)) {
        if (r->failed)
            return RIFT_EIO;
        r->in_len = 0; /* empty input */
    }
    if (detect_utf16(r) != RIFT_OK)
        return RIFT_EIO;
    if (r->format == RIFT_FORMAT_AUTO && strcmp(path, "-") != 0)
        r->format = format_by_ext(path);
    if (r->format == RIFT_FORMAT_AUTO)
        r->format = format_by_content(r->in, r->in_len);
    return RIFT_OK;
}

const char *rift_reader_errmsg(const rift_reader *r) { return r->errmsg; }
long rift_reader_line(const rift_reader *r) { return r->line; }

static void record_clear(rift_record *rc)
{
    if (rc->json) {
        json_decref(rc->json);
        rc->json = NULL;
    }
    rift_html_result_free(&rc->html);
}

static void clear_record(rift_reader *r)
{
    record_clear(&r->jrec);
    rift_html_result_free(&r->html);
    r->rec.len = 0;
}

void rift_reader_close(rift_reader *r)
{
    if (!r)
        return;
    clear_record(r);
    if (r->gz)
        gzclose(r->gz);
    if (r->u16)
        iconv_close(r->u16);
    free(r->raw);
    rift_buf_free(&r->rec);
    rift_buf_free(&r->whead);
    rift_buf_free(&r->wbody);
    rift_buf_free(&r->wmeta);
    free(r->in);
    free(r->path);
    free(r);
}

/* Bytes that make a file binary rather than text: NUL, and most C0
 * controls.  Text with a few stray bytes is still text. */
static bool looks_binary(const char *s, size_t n)
{
    size_t lim = n < 65536 ? n : 65536, bad = 0, i = 0;
    /* eight bytes at a time past words without a byte below 0x20: the
     * usual case, where only the newlines need a closer look */
    for (; i + 8 <= lim; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (!((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL))
            continue;
        for (size_t k = i; k < i + 8; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c == 0)
                return true;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
                bad++;
        }
    }
    for (; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
            bad++;
    }
    return lim && bad * 20 > lim;
}

/* Read the whole input into rec; false if it is larger than max_bytes
 * (the rest is drained so that the size can be reported). */
static bool slurp(rift_reader *r, size_t *total)
{
    size_t n = 0;
    bool over = false;
    do {
        size_t k = r->in_len - r->in_pos;
        n += k;
        if (!over && r->rec.len + k > r->max_bytes) {
            over = true;
            r->rec.len = 0;
        }
        if (!over)
            rift_buf_put(&r->rec, r->in + r->in_pos, k);
        r->in_pos = r->in_len;
    } while (fill(r));
    *total = n;
    return !over;
}

static rift_status next_whole(rift_reader *r, rift_article *a)
{
    if (r->whole_done)
        return RIFT_DONE;
    r->whole_done = true;
    r->line = 1;
    size_t total;
    bool ok = slurp(r, &total);
    if (r->failed)
        return RIFT_EIO;
    if (!ok) {
        set_err(r, "article of %zu bytes is larger than the limit of %zu bytes "
                   "(see --max-bytes); skipped", total, r->max_bytes);
        return RIFT_SKIP;
    }
    const char *s = r->rec.data ? r->rec.data : "";
    size_t n = r->rec.len;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF) {
        /* The BOM is not text; skipping it shifts offsets by three, which
         * is what "the text rift received" means here. */
        s += 3;
        n -= 3;
    }
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t'))
        k++;
    if (k == n) {
        set_err(r, "empty file; skipped");
        return RIFT_SKIP;
    }
    if (looks_binary(s, n)) {
        set_err(r, "binary file (NUL or control bytes); skipped");
        return RIFT_SKIP;
    }
    memset(a, 0, sizeof *a);
    a->origin = r->path;
    a->line = 1;
    if (r->format == RIFT_FORMAT_HTML) {
        if (!rift_html_extract(s, n, &r->html) || r->html.text_len == 0) {
            set_err(r, "HTML page with no text found; skipped");
            return RIFT_SKIP;
        }
        a->text = r->html.text;
        a->text_len = r->html.text_len;
        a->title = r->html.title;
        a->date = r->html.date;
        a->author = r->html.author;
        a->url = r->html.url;
        a->source = r->html.source;
        return RIFT_OK;
    }
    a->text = s;
    a->text_len = n;
    return RIFT_OK;
}

/* Read one line into rec (without its newline).  Returns 1 for a line,
 * 0 at end, -1 for a line over the limit (drained). */
static int read_line(rift_reader *r, size_t *total)
{
    r->rec.len = 0;
    size_t n = 0;
    bool over = false, any = false;
    for (;;) {
        if (r->in_pos == r->in_len && !fill(r))
            break;
        any = true;
        char *start = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos;
        char *nl = memchr(start, '\n', avail);
        size_t k = nl ? (size_t)(nl - start) : avail;
        n += k;
        if (!over && r->rec.len + k > r->max_bytes) {
            over = true;
            r->rec.len = 0;
        }
        if (!over)
            rift_buf_put(&r->rec, start, k);
        r->in_pos += k + (nl ? 1 : 0);
        if (nl)
            break;
    }
    *total = n;
    if (!any)
        return 0;
    return over ? -1 : 1;
}

/* A metadata field as a string of its own, held by obj: a number is its
 * JSON text ("id": 17 is "17"); a NUL inside a string stays visible as the
 * six characters \u0000 rather than cutting the string short.  Other
 * values (true, null, arrays, objects) are no metadata: NULL. */
static const char *field(json_t *obj, const char *name)
{
    json_t *v = json_object_get(obj, name);
    char *text = NULL;
    if (json_is_string(v)) {
        const char *sv = json_string_value(v);
        size_t n = json_string_length(v);
        if (strlen(sv) == n)
            return sv;
        rift_buf b;
        rift_buf_init(&b);
        for (size_t i = 0; i < n; i++) {
            if (sv[i])
                rift_buf_putc(&b, sv[i]);
            else
                rift_buf_puts(&b, "\\u0000");
        }
        text = rift_buf_detach(&b, &n);
    } else if (json_is_number(v)) {
        text = json_dumps(v, JSON_ENCODE_ANY);
    }
    if (!text)
        return NULL;
    json_t *str = json_string(text);
    free(text);
    if (!str || json_object_set_new(obj, name, str) != 0)
        return NULL;
    return json_string_value(str);
}

/* Parses one JSON Lines record s[0..n) into *a (origin and line left
 * empty), its strings held by rc; RIFT_SKIP with the reason in err.  The
 * one parser behind rift_reader_next and rift_record_parse, so that both
 * read a line alike. */
static rift_status record_parse(rift_record *rc, const char *s, size_t n,
                                rift_article *a, char *err, size_t errn)
{
    json_error_t jerr;
    rc->json = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!rc->json) {
        snprintf(err, errn, "malformed JSON at column %d: %s; skipped", jerr.column,
                 jerr.text);
        return RIFT_SKIP;
    }
    if (!json_is_object(rc->json)) {
        snprintf(err, errn, "a JSON value that is not an object; skipped");
        return RIFT_SKIP;
    }
    memset(a, 0, sizeof *a);
    a->id = field(rc->json, "id");
    a->url = field(rc->json, "url");
    a->title = field(rc->json, "title");
    a->date = field(rc->json, "date");
    if (!a->date)
        a->date = field(rc->json, "published");
    a->source = field(rc->json, "source");
    a->author = field(rc->json, "author");
    json_t *text = json_object_get(rc->json, "text");
    json_t *html = json_object_get(rc->json, "html");
    if (json_is_string(text)) {
        a->text = json_string_value(text);
        a->text_len = json_string_length(text);
    } else if (json_is_string(html)) {
        const char *h = json_string_value(html);
        size_t hn = json_string_length(html);
        if (!rift_html_extract(h, hn, &rc->html)) {
            snprintf(err, errn, "field \"html\" holds no text; skipped");
            return RIFT_SKIP;
        }
        a->text = rc->html.text;
        a->text_len = rc->html.text_len;
        if (!a->title) a->title = rc->html.title;
        if (!a->date) a->date = rc->html.date;
        if (!a->author) a->author = rc->html.author;
        if (!a->url) a->url = rc->html.url;
        if (!a->source) a->source = rc->html.source;
    } else {
        snprintf(err, errn, "no \"text\" or \"html\" string field; skipped");
        return RIFT_SKIP;
    }
    return RIFT_OK;
}

/* The next non-blank line of a JSON Lines input, unparsed, in rec (a
 * leading byte order mark on line 1 left out). */
static rift_status next_line_raw(rift_reader *r, const char **line, size_t *len)
{
    for (;;) {
        clear_record(r);
        size_t total;
        r->line = r->next_line;
        int got = read_line(r, &total);
        if (got == 0)
            return r->failed ? RIFT_EIO : RIFT_DONE;
        r->next_line++;
        if (got < 0) {
            set_err(r, "line of %zu bytes is longer than the limit of %zu bytes "
                       "(see --max-bytes); skipped", total, r->max_bytes);
            return RIFT_SKIP;
        }
        const char *s = r->rec.data;
        size_t n = r->rec.len;
        if (r->line == 1 && n >= 3 && (unsigned char)s[0] == 0xEF &&
            (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) {
            s += 3;
            n -= 3;
        }
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
            k++;
        if (k == n)
            continue; /* blank lines separate nothing and lose nothing */
        *line = s;
        *len = n;
        return RIFT_OK;
    }
}

static rift_status next_jsonl(rift_reader *r, rift_article *a)
{
    const char *s;
    size_t n;
    rift_status st = next_line_raw(r, &s, &n);
    if (st != RIFT_OK)
        return st;
    st = record_parse(&r->jrec, s, n, a, r->errmsg, sizeof r->errmsg);
    if (st != RIFT_OK)
        return st;
    a->origin = r->path;
    a->line = r->line;
    return RIFT_OK;
}

/* Consumes n bytes of the input, the first keep of them appended to out
 * (lines counted): the count consumed, short of n at the end of input. */
static long long read_bytes(rift_reader *r, long long n, size_t keep, rift_buf *out)
{
    long long done = 0;
    while (done < n) {
        if (r->in_pos == r->in_len && !fill(r))
            break;
        const char *s = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos;
        size_t k = (unsigned long long)(n - done) < avail ? (size_t)(n - done) : avail;
        if (out->len < keep)
            rift_buf_put(out, s, k < keep - out->len ? k : keep - out->len);
        for (const char *q = s; (q = memchr(q, '\n', (size_t)(s + k - q))) != NULL; q++)
            r->next_line++;
        r->in_pos += k;
        done += (long long)k;
    }
    return done;
}

/* A line of rec, its line end (CR LF or LF) left out: is it empty? */
static bool rec_blank(rift_reader *r)
{
    return r->rec.len == 0 || (r->rec.len == 1 && r->rec.data[0] == '\r');
}

/* A WARC record's string field as a NUL-terminated copy in wmeta: its
 * offset there, or -1 when absent. */
static long meta_put(rift_reader *r, const char *s, size_t n)
{
    if (!s || n == 0)
        return -1;
    long at = (long)r->wmeta.len;
    rift_buf_put(&r->wmeta, s, n);
    rift_buf_putc(&r->wmeta, '\0');
    return at;
}

static const char *meta_at(rift_reader *r, long at) { return at < 0 ? NULL : r->wmeta.data + at; }

/* The WARC error that ends the input: the rest is not read. */
static rift_status warc_fail(rift_reader *r, const char *why)
{
    r->wdone = true;
    set_err(r, "WARC record %ld: %s; the rest of the file is not read", r->wrecords, why);
    return RIFT_EIO;
}

/* The next WARC record holding an HTML page, as an article: url from
 * WARC-Target-URI, id from WARC-Record-ID, date from the page's own
 * metadata, else WARC-Date.  Other records are passed over in silence; a
 * page that cannot be read is RIFT_SKIP naming its record; a record that
 * is not framed as WARC ends the input (RIFT_EIO). */
static rift_status next_warc(rift_reader *r, rift_article *a)
{
    rift_warc_head h; /* its fields point into whead */
    for (;;) {
        clear_record(r);
        if (r->wdone)
            return RIFT_DONE;
        size_t total;
        int got;
        do { /* the blank lines that end the record before */
            r->line = r->next_line;
            got = read_line(r, &total);
            if (got != 0)
                r->next_line++;
        } while (got > 0 && rec_blank(r));
        if (got == 0)
            return r->failed ? RIFT_EIO : RIFT_DONE;
        r->wrecords++;
        if (got < 0 || !rift_warc_version_line(r->rec.data, r->rec.len))
            return warc_fail(r, "no \"WARC/1.0\" line where a record starts");
        r->whead.len = 0;
        for (;;) {
            got = read_line(r, &total);
            if (got == 0)
                return r->failed ? RIFT_EIO : warc_fail(r, "the input ends inside its header");
            r->next_line++;
            if (got < 0 || r->whead.len + r->rec.len > 65536)
                return warc_fail(r, "a header over 64 KB");
            if (rec_blank(r))
                break;
            rift_buf_put(&r->whead, r->rec.data, r->rec.len);
            rift_buf_putc(&r->whead, '\n');
        }
        rift_warc_head_parse(r->whead.data ? r->whead.data : "", r->whead.len, &h);
        if (h.length < 0)
            return warc_fail(r, "no valid Content-Length");
        size_t keep = (unsigned long long)h.length < r->max_bytes ? (size_t)h.length
                                                                  : r->max_bytes;
        r->rec.len = 0;
        if (read_bytes(r, h.length, keep, &r->rec) < h.length)
            return r->failed ? RIFT_EIO : warc_fail(r, "the input ends inside its content");
        const char *page;
        size_t pn;
        char why[256];
        rift_status st = rift_warc_html(&h, r->rec.data ? r->rec.data : "", r->rec.len,
                                        r->max_bytes, &r->wbody, &page, &pn, why, sizeof why);
        if (st == RIFT_DONE)
            continue;
        if (keep < (unsigned long long)h.length)
            snprintf(why, sizeof why, "record of %lld bytes is larger than the limit of %zu "
                     "bytes (see --max-bytes)", h.length, r->max_bytes);
        else if (st == RIFT_OK && (!rift_html_extract(page, pn, &r->html) ||
                                   r->html.text_len == 0))
            snprintf(why, sizeof why, "HTML page with no text found");
        else if (st == RIFT_OK)
            break;
        set_err(r, "WARC record %ld (%.*s): %s; skipped", r->wrecords,
                h.uri ? (int)(h.uri_len < 200 ? h.uri_len : 200) : 6, h.uri ? h.uri : "no URI",
                why);
        return RIFT_SKIP;
    }
    r->wmeta.len = 0;
    long url = meta_put(r, h.uri, h.uri_len), id = meta_put(r, h.id, h.id_len);
    long date = r->html.date ? -1 : meta_put(r, h.date, h.date_len);
    memset(a, 0, sizeof *a);
    a->origin = r->path;
    a->line = r->line;
    a->text = r->html.text;
    a->text_len = r->html.text_len;
    a->title = r->html.title;
    a->author = r->html.author;
    a->source = r->html.source;
    a->url = url >= 0 ? meta_at(r, url) : r->html.url;
    a->id = meta_at(r, id);
    a->date = r->html.date ? r->html.date : meta_at(r, date);
    return RIFT_OK;
}

int rift_reader_is_jsonl(const rift_reader *r)
{
    return r && r->gz && r->format == RIFT_FORMAT_JSONL;
}

rift_status rift_reader_next_raw(rift_reader *r, const char **line, size_t *len)
{
    *line = NULL;
    *len = 0;
    if (!rift_reader_is_jsonl(r))
        return RIFT_EINVAL;
    return next_line_raw(r, line, len);
}

rift_status rift_record_parse(const char *line, size_t len, rift_record **rec,
                              rift_article *a, char *err, size_t errn)
{
    rift_record *rc = rift_xmalloc(sizeof *rc);
    memset(rc, 0, sizeof *rc);
    *rec = rc;
    if (errn)
        err[0] = '\0';
    return record_parse(rc, line, len, a, err, errn);
}

void rift_record_free(rift_record *rec)
{
    if (!rec)
        return;
    record_clear(rec);
    free(rec);
}

rift_status rift_reader_next(rift_reader *r, rift_article *a)
{
    if (!r->gz)
        return RIFT_EIO;
    if (r->format == RIFT_FORMAT_JSONL)
        return next_jsonl(r, a);
    if (r->format == RIFT_FORMAT_WARC)
        return next_warc(r, a);
    clear_record(r);
    return next_whole(r, a);
}
