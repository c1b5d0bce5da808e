/* test_reader.c: the JSON Lines reader read whole (rift_reader_next) and
 * split (rift_reader_next_raw + rift_record_parse, as rift analyze -j N
 * uses it) give the same articles and the same reasons, line by line; each
 * metadata field its own value; UTF-16 input read as UTF-8; and the byte
 * buffers and JSON string writer that every output goes through.  Never
 * asserts timings.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct rec {
    rift_status st;
    long line;
    char why[256];
    char id[64], title[64], text[128];
} rec;

static void copy_str(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "(null)");
}

static void fill(rec *r, rift_status st, long line, const char *why, const rift_article *a)
{
    memset(r, 0, sizeof *r);
    r->st = st;
    r->line = line;
    if (st == RIFT_OK) {
        copy_str(r->id, sizeof r->id, a->id);
        copy_str(r->title, sizeof r->title, a->title);
        snprintf(r->text, sizeof r->text, "%.*s", (int)a->text_len, a->text);
    } else {
        copy_str(r->why, sizeof r->why, why);
    }
}

static size_t read_whole(const char *path, size_t max, rec *out, size_t cap)
{
    rift_reader_options o = {RIFT_FORMAT_AUTO, max};
    rift_reader *r = NULL;
    if (rift_reader_open(path, &o, &r) != RIFT_OK)
        return 0;
    size_t n = 0;
    rift_article a;
    for (rift_status st; n < cap && (st = rift_reader_next(r, &a)) != RIFT_DONE;) {
        fill(&out[n++], st, rift_reader_line(r), rift_reader_errmsg(r), &a);
        if (st != RIFT_OK && st != RIFT_SKIP)
            break;
    }
    rift_reader_close(r);
    return n;
}

static size_t read_split(const char *path, size_t max, rec *out, size_t cap)
{
    rift_reader_options o = {RIFT_FORMAT_AUTO, max};
    rift_reader *r = NULL;
    if (rift_reader_open(path, &o, &r) != RIFT_OK || !rift_reader_is_jsonl(r)) {
        rift_reader_close(r);
        return 0;
    }
    size_t n = 0;
    const char *line;
    size_t len;
    for (rift_status st; n < cap && (st = rift_reader_next_raw(r, &line, &len)) != RIFT_DONE;) {
        if (st != RIFT_OK) {
            fill(&out[n++], st, rift_reader_line(r), rift_reader_errmsg(r), NULL);
            if (st != RIFT_SKIP)
                break;
            continue;
        }
        /* parse a copy, as a worker would after the reader moved on */
        char *copy = malloc(len + 1);
        memcpy(copy, line, len);
        copy[len] = '\0';
        long ln = rift_reader_line(r);
        rift_record *rc = NULL;
        rift_article a;
        char why[512];
        rift_status ps = rift_record_parse(copy, len, &rc, &a, why, sizeof why);
        fill(&out[n++], ps, ln, why, &a);
        rift_record_free(rc);
        free(copy);
    }
    rift_reader_close(r);
    return n;
}

static void test_split_equals_whole(void)
{
    char path[] = "/tmp/rift_test_reader_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "temporary file");
    if (fd < 0)
        return;
    const char *body =
        "\xEF\xBB\xBF{\"id\":\"a1\",\"title\":\"First\",\"text\":\"One \\\"quoted\\\" word.\"}\n"
        "\n"
        "   \r\n"
        "{\"id\": 42, \"text\": \"Integer id.\"}\n"
        "{bad json\n"
        "[1, 2, 3]\n"
        "{\"id\":\"a5\"}\n"
        "{\"id\":\"a6\",\"text\":\"" /* over the 120-byte limit below */
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n"
        "{\"id\":\"a7\",\"html\":\"<p>Some html text.</p>\"}\n"
        "{\"id\":\"a8\",\"text\":\"Last, no newline.\"}";
    ssize_t w = write(fd, body, strlen(body));
    close(fd);
    CHECK(w == (ssize_t)strlen(body), "wrote the file");
    char jpath[64];
    snprintf(jpath, sizeof jpath, "%s.jsonl", path);
    CHECK(rename(path, jpath) == 0, "renamed to .jsonl");

    rec a[16], b[16];
    size_t na = read_whole(jpath, 120, a, 16), nb = read_split(jpath, 120, b, 16);
    CHECK(na == 8, "whole: 8 records and skips, got %zu", na);
    CHECK(nb == na, "split: as many as whole (%zu vs %zu)", nb, na);
    for (size_t i = 0; i < na && i < nb; i++) {
        CHECK(a[i].st == b[i].st && a[i].line == b[i].line, "record %zu: status %d/%d line %ld/%ld",
              i, a[i].st, b[i].st, a[i].line, b[i].line);
        CHECK_STR(b[i].why, a[i].why, "reason");
        CHECK_STR(b[i].id, a[i].id, "id");
        CHECK_STR(b[i].text, a[i].text, "text");
    }
    if (na == 8) {
        CHECK(a[0].st == RIFT_OK && a[0].line == 1, "line 1 read past its byte order mark");
        CHECK_STR(a[0].text, "One \"quoted\" word.", "line 1 text");
        CHECK_STR(a[1].id, "42", "an integer id as text");
        CHECK(a[1].line == 4, "blank lines skipped, line numbers kept: %ld", a[1].line);
        CHECK(a[2].st == RIFT_SKIP && strstr(a[2].why, "malformed JSON") != NULL, "malformed");
        CHECK(strstr(a[3].why, "not an object") != NULL, "not an object");
        CHECK(strstr(a[4].why, "no \"text\" or \"html\"") != NULL, "no text");
        CHECK(a[5].st == RIFT_SKIP && strstr(a[5].why, "longer than the limit") != NULL,
              "over-long line");
        CHECK(a[6].st == RIFT_OK && strstr(a[6].text, "Some html text.") != NULL, "html field");
        CHECK(a[7].st == RIFT_OK && a[7].line == 10, "last line without newline");
    }
    remove(jpath);

    /* a plain text file is no JSON Lines: the split reader says so */
    char tpath[] = "/tmp/rift_test_reader_txt_XXXXXX";
    fd = mkstemp(tpath);
    if (fd >= 0) {
        ssize_t w2 = write(fd, "Just text.\n", 11);
        close(fd);
        rift_reader *r = NULL;
        rift_reader_options o = {RIFT_FORMAT_TEXT, 0};
        const char *line;
        size_t len;
        CHECK(w2 == 11 && rift_reader_open(tpath, &o, &r) == RIFT_OK, "open text");
        CHECK(!rift_reader_is_jsonl(r), "text is not JSON Lines");
        CHECK(rift_reader_next_raw(r, &line, &len) == RIFT_EINVAL, "next_raw on text: EINVAL");
        rift_reader_close(r);
        remove(tpath);
    }
}

/* Numbers where strings are expected are read as their text, each field
 * its own (they once shared one buffer); a NUL inside a string stays
 * visible instead of cutting it short. */
static void test_record_fields(void)
{
    static const char line[] =
        "{\"id\":1,\"date\":20250101,\"title\":3.5,\"source\":\"S\\u0000x\","
        "\"author\":true,\"text\":\"Body\\u0000text.\"}";
    rift_record *rc = NULL;
    rift_article a;
    char why[256];
    rift_status st = rift_record_parse(line, sizeof line - 1, &rc, &a, why, sizeof why);
    CHECK(st == RIFT_OK, "record with numeric fields parsed (%s)", why);
    if (st == RIFT_OK) {
        CHECK_STR(a.id, "1", "integer id, its own value");
        CHECK_STR(a.date, "20250101", "integer date, its own value");
        CHECK_STR(a.title, "3.5", "a real number as its text");
        CHECK_STR(a.source, "S\\u0000x", "a NUL in a metadata string kept escaped");
        CHECK(a.author == NULL, "true is no author");
        CHECK(a.text_len == 10 && a.text[4] == '\0', "a NUL in the text kept, length %zu",
              a.text_len);
    }
    rift_record_free(rc);
}

/* A file that starts with a UTF-16 byte order mark (either order) reads as
 * the same text in UTF-8: whole, and as JSON Lines; a lone surrogate and a
 * last odd byte become U+FFFD. */
static size_t write_file(char *path, const char *suffix, const void *data, size_t n)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    ssize_t w = write(fd, data, n);
    close(fd);
    char to[128];
    snprintf(to, sizeof to, "%s%s", path, suffix);
    if (rename(path, to) != 0)
        return 0;
    strcat(path, suffix);
    return w == (ssize_t)n ? n : 0;
}

static void utf16(const char *utf8, bool le, char *out, size_t *n)
{
    /* ASCII and 2-byte UTF-8 only, enough for the test */
    size_t k = 0;
    out[k++] = le ? '\xFF' : '\xFE';
    out[k++] = le ? '\xFE' : '\xFF';
    for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
        unsigned cp = *p < 0x80 ? *p++ : (unsigned)((p[0] & 0x1F) << 6 | (p[1] & 0x3F));
        if (cp >= 0x80)
            p += 2;
        out[k++] = (char)(le ? cp & 0xFF : cp >> 8);
        out[k++] = (char)(le ? cp >> 8 : cp & 0xFF);
    }
    *n = k;
}

static void test_utf16(void)
{
    const char *text = "Caf\xC3\xA9 owners said \"yes\".";
    for (int le = 0; le < 2; le++) {
        char buf[256], path[64] = "/tmp/rift_test_u16_XXXXXX";
        size_t n;
        utf16(text, le, buf, &n);
        CHECK(write_file(path, ".txt", buf, n) == n, "UTF-16 file written");
        rec r[2];
        size_t got = read_whole(path, 0, r, 2);
        CHECK(got == 1 && r[0].st == RIFT_OK, "UTF-16%s text read, not refused as binary (%s)",
              le ? "LE" : "BE", got ? r[0].why : "nothing");
        if (got == 1)
            CHECK_STR(r[0].text, text, "UTF-16 text as UTF-8");
        remove(path);
    }
    char buf[256], path[64] = "/tmp/rift_test_u16j_XXXXXX";
    size_t n;
    utf16("{\"id\":\"u1\",\"text\":\"Na\xC3\xAFve.\"}\n{\"id\":\"u2\",\"text\":\"Two.\"}\n", true,
          buf, &n);
    CHECK(write_file(path, ".jsonl", buf, n) == n, "UTF-16 JSON Lines written");
    rec r[4];
    size_t got = read_whole(path, 0, r, 4);
    CHECK(got == 2 && r[0].st == RIFT_OK && r[1].st == RIFT_OK, "UTF-16 JSON Lines: 2 records");
    if (got == 2) {
        CHECK_STR(r[0].text, "Na\xC3\xAFve.", "record 1 text");
        CHECK_STR(r[1].id, "u2", "record 2 id");
    }
    remove(path);
    static const char bad[] = {'\xFF', '\xFE', 'a', 0, 0, '\xD8', 'b', 0, 'c'};
    char bpath[64] = "/tmp/rift_test_u16b_XXXXXX";
    CHECK(write_file(bpath, ".txt", bad, sizeof bad) == sizeof bad, "bad UTF-16 written");
    got = read_whole(bpath, 0, r, 1);
    CHECK(got == 1 && r[0].st == RIFT_OK, "bad UTF-16 still read");
    if (got == 1)
        CHECK_STR(r[0].text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", "lone surrogate, odd byte: U+FFFD");
    remove(bpath);
}

static void test_buf_and_json_str(void)
{
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_printf(&b, "%s-%d", "abc", 7);
    CHECK_STR(b.data, "abc-7", "printf into an empty buffer");
    char big[300];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rift_buf_printf(&b, "[%s]", big);
    CHECK(b.len == 5 + 2 + 299 && b.data[b.len] == '\0' && b.data[5] == '[' &&
          b.data[b.len - 1] == ']', "printf past the room there was: len %zu", b.len);
    rift_buf_free(&b);

    struct { const char *in; size_t n; const char *want; } cases[] = {
        {"plain ascii words, longer than eight", 36, "\"plain ascii words, longer than eight\""},
        {"a \"quote\" and a back\\slash here", 31, "\"a \\\"quote\\\" and a back\\\\slash here\""},
        {"tab\there, newline\nthere, bell\x07!", 31,
         "\"tab\\there, newline\\nthere, bell\\u0007!\""},
        {"caf\xC3\xA9 and na\xC3\xAFve text", 21, "\"caf\xC3\xA9 and na\xC3\xAFve text\""},
        {"bad \xFF byte in a long run of text", 32, "\"bad \xEF\xBF\xBD byte in a long run of text\""},
        {"12345678\"", 9, "\"12345678\\\"\""},
        {"nul\0byte", 8, "\"nul\\u0000byte\""},
        {"", 0, "\"\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rift_buf_init(&b);
        rift_json_str(&b, cases[i].in, cases[i].n);
        CHECK_STR(b.data, cases[i].want, "rift_json_str");
        rift_buf_free(&b);
    }
}

int main(void)
{
    test_split_equals_whole();
    test_record_fields();
    test_utf16();
    test_buf_and_json_str();
    return TEST_DONE();
}
