/* read_warc.c: the parts of a WARC record (ISO 28500) rift reads: the named
 * fields of its header, and the HTML document its content holds (an HTTP
 * response, de-chunked and decompressed).  No I/O: reader.c frames records.
 */
#include "internal.h"

#include <string.h>
#include <strings.h>
#include <zlib.h>

bool rift_warc_version_line(const char *s, size_t n)
{
    return n >= 8 && memcmp(s, "WARC/", 5) == 0 && s[5] >= '0' && s[5] <= '9' && s[6] == '.';
}

static bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* s[0..*n) without surrounding white space and, for a URI or record id
 * written <like this> (as WARC/1.0's own examples do), its brackets */
static const char *trim(const char *s, size_t *n, bool brackets)
{
    size_t len = *n;
    while (len && space(*s)) s++, len--;
    while (len && space(s[len - 1])) len--;
    if (brackets && len >= 2 && s[0] == '<' && s[len - 1] == '>')
        s++, len -= 2;
    *n = len;
    return s;
}

/* The value of header line "Name: value" when its name is name. */
static bool header_is(const char *line, size_t n, const char *name, const char **val,
                      size_t *vlen)
{
    size_t k = strlen(name);
    if (n <= k || line[k] != ':' || strncasecmp(line, name, k) != 0)
        return false;
    *vlen = n - k - 1;
    *val = line + k + 1;
    return true;
}

static void header_value(const char *line, size_t n, const char *name, const char **val,
                         size_t *vlen, bool brackets)
{
    const char *v;
    size_t vn;
    if (header_is(line, n, name, &v, &vn)) {
        *val = trim(v, &vn, brackets);
        *vlen = vn;
    }
}

void rift_warc_head_parse(const char *block, size_t n, rift_warc_head *h)
{
    memset(h, 0, sizeof *h);
    h->length = -1;
    const char *p = block, *end = block + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *v = NULL;
        size_t vn = 0;
        if (header_is(p, len, "Content-Length", &v, &vn)) {
            v = trim(v, &vn, false);
            long long x = 0;
            size_t i = 0;
            for (; i < vn && v[i] >= '0' && v[i] <= '9' && x < (1LL << 50); i++)
                x = x * 10 + (v[i] - '0');
            h->length = i == vn && vn > 0 ? x : -1;
        }
        header_value(p, len, "WARC-Type", &h->type, &h->type_len, false);
        header_value(p, len, "WARC-Target-URI", &h->uri, &h->uri_len, true);
        header_value(p, len, "WARC-Date", &h->date, &h->date_len, false);
        header_value(p, len, "WARC-Record-ID", &h->id, &h->id_len, true);
        header_value(p, len, "Content-Type", &h->ctype, &h->ctype_len, false);
        p += len + (nl ? 1 : 0);
    }
}

bool rift_warc_type_is(const rift_warc_head *h, const char *type)
{
    return h->type && h->type_len == strlen(type) && strncasecmp(h->type, type, h->type_len) == 0;
}

/* A media type (up to ';') that is HTML; with none given, content that
 * starts like an HTML page. */
static bool html_type(const char *ct, size_t n, const char *body, size_t bn)
{
    if (ct) {
        const char *semi = memchr(ct, ';', n);
        size_t k = semi ? (size_t)(semi - ct) : n;
        ct = trim(ct, &k, false);
        return (k == 9 && !strncasecmp(ct, "text/html", 9)) ||
               (k == 21 && !strncasecmp(ct, "application/xhtml+xml", 21));
    }
    size_t i = 0;
    while (i < bn && space(body[i]))
        i++;
    return (bn - i >= 14 && !strncasecmp(body + i, "<!doctype html", 14)) ||
           (bn - i >= 5 && !strncasecmp(body + i, "<html", 5));
}

/* Transfer-Encoding: chunked undone into out: false when malformed. */
static bool dechunk(const char *s, size_t n, size_t max, rift_buf *out)
{
    size_t i = 0;
    for (;;) {
        size_t size = 0, digits = 0;
        for (; i < n; i++, digits++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                break;
            if (size > max)
                return false;
            size = size * 16 + (size_t)d;
        }
        if (digits == 0)
            return false;
        const char *nl = memchr(s + i, '\n', n - i); /* chunk extensions end here */
        if (!nl)
            return size == 0; /* "0" as the last bytes: the end, trailer cut */
        i = (size_t)(nl - s) + 1;
        if (size == 0)
            return true;
        if (size > n - i || out->len + size > max)
            return false;
        rift_buf_put(out, s + i, size);
        i += size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
}

/* Content-Encoding gzip or deflate (zlib-wrapped or raw) undone into out. */
static bool inflate_all(const char *s, size_t n, size_t max, bool raw, rift_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
        return false;
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)(n < (size_t)1 << 30 ? n : (size_t)1 << 30);
    int rc = Z_OK;
    size_t start = out->len;
    while (rc == Z_OK) {
        if (out->len - start >= max) {
            rc = Z_BUF_ERROR;
            break;
        }
        rift_buf_reserve(out, 65536);
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = 65536;
        rc = inflate(&z, Z_NO_FLUSH);
        out->len += 65536 - z.avail_out;
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break; /* the stream was cut short: keep what came */
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && z.avail_in == 0 && out->len > start)) {
        out->len = start;
        return false;
    }
    return true;
}

rift_status rift_warc_html(const rift_warc_head *h, const char *c, size_t n, size_t max,
                           rift_buf *buf, const char **html, size_t *len, char *why,
                           size_t whyn)
{
    *html = NULL;
    *len = 0;
    bool response = rift_warc_type_is(h, "response");
    if (!response && !rift_warc_type_is(h, "resource"))
        return RIFT_DONE;
    if (!response || n < 5 || memcmp(c, "HTTP/", 5) != 0) {
        /* a resource, or a response that holds the document alone */
        if (!html_type(h->ctype, h->ctype_len, c, n))
            return RIFT_DONE;
        *html = c;
        *len = n;
        return RIFT_OK;
    }
    /* the status line and the HTTP headers, up to the first empty line */
    const char *p = c, *end = c + n, *body = NULL;
    const char *ctype = NULL, *te = NULL, *ce = NULL;
    size_t ctype_len = 0, te_len = 0, ce_len = 0;
    int status = -1;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (k && p[k - 1] == '\r')
            k--;
        if (p == c) {
            const char *sp = memchr(p, ' ', k);
            if (sp && (size_t)(sp - p) + 4 <= k && sp[1] >= '1' && sp[1] <= '9')
                status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
        } else if (k == 0) {
            body = nl ? nl + 1 : end;
            break;
        }
        header_value(p, k, "Content-Type", &ctype, &ctype_len, false);
        header_value(p, k, "Transfer-Encoding", &te, &te_len, false);
        header_value(p, k, "Content-Encoding", &ce, &ce_len, false);
        p = nl ? nl + 1 : end;
    }
    if (!body)
        body = end; /* headers only */
    size_t bn = (size_t)(end - body);
    if (status < 200 || status > 299 || !html_type(ctype, ctype_len, body, bn))
        return RIFT_DONE; /* a redirect, an error page, an image: no article */
    if (te && !(te_len == 7 && !strncasecmp(te, "chunked", 7)) &&
        !(te_len == 8 && !strncasecmp(te, "identity", 8))) {
        snprintf(why, whyn, "HTTP Transfer-Encoding '%.*s' is not supported", (int)te_len, te);
        return RIFT_SKIP;
    }
    if (te && te_len == 7) {
        buf->len = 0;
        if (!dechunk(body, bn, max, buf)) {
            snprintf(why, whyn, "malformed chunked HTTP body");
            return RIFT_SKIP;
        }
        body = buf->data ? buf->data : "";
        bn = buf->len;
    }
    if (ce && !(ce_len == 8 && !strncasecmp(ce, "identity", 8))) {
        bool gz = (ce_len == 4 && !strncasecmp(ce, "gzip", 4)) ||
                  (ce_len == 6 && !strncasecmp(ce, "x-gzip", 6));
        bool defl = ce_len == 7 && !strncasecmp(ce, "deflate", 7);
        if (!gz && !defl) {
            snprintf(why, whyn, "HTTP Content-Encoding '%.*s' is not supported", (int)ce_len,
                     ce);
            return RIFT_SKIP;
        }
        rift_buf dec;
        rift_buf_init(&dec);
        bool ok = inflate_all(body, bn, max, false, &dec) ||
                  (defl && inflate_all(body, bn, max, true, &dec));
        if (!ok) {
            rift_buf_free(&dec);
            snprintf(why, whyn, "HTTP body does not decompress (%.*s), or is over %zu bytes",
                     (int)ce_len, ce, max);
            return RIFT_SKIP;
        }
        rift_buf_free(buf);
        *buf = dec;
        body = buf->data ? buf->data : "";
        bn = buf->len;
    }
    *html = body;
    *len = bn;
    return RIFT_OK;
}
