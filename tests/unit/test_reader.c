/* test_reader.c: the JSON Lines reader read whole (rift_reader_next) and
 * split (rift_reader_next_raw + rift_record_parse, as rift analyze -j N
 * uses it) give the same articles and the same reasons, line by line; and
 * the byte buffers and JSON string writer that every output goes through.
 * Never asserts timings.
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
    test_buf_and_json_str();
    return TEST_DONE();
}
