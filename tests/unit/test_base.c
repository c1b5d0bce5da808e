/* test_base.c: unit tests of the base modules: arena, buf, utf8, hash,
 * dates.  Uses the library's internals directly.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>

static void test_arena(void)
{
    rift_arena a;
    rift_arena_init(&a);
    char *p = rift_arena_alloc(&a, 10);
    CHECK(p && p[0] == 0 && p[9] == 0, "arena memory is zeroed");
    char *big = rift_arena_alloc(&a, 1 << 20);
    CHECK(big != NULL, "arena takes a one-off large allocation");
    char *s = rift_arena_printf(&a, "%d-%s", 42, "x");
    CHECK_STR(s, "42-x", "arena printf");
    char *t = rift_arena_strndup(&a, "hello world", 5);
    CHECK_STR(t, "hello", "arena strndup");
    rift_arena_release(&a);
    CHECK(a.head == NULL, "arena released");
}

static void test_buf(void)
{
    rift_buf b;
    rift_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        rift_buf_printf(&b, "%d,", i);
    CHECK(b.len == 3890, "buf grows: len %zu", b.len);
    size_t n;
    char *s = rift_buf_detach(&b, &n);
    CHECK(strncmp(s, "0,1,2,", 6) == 0 && n == 3890, "buf detach");
    free(s);
}

static void test_utf8(void)
{
    int n;
    const char *s = "a\xE2\x80\x9C\xFF\xC3";
    CHECK(rift_utf8_decode(s, 6, 0, &n) == 'a' && n == 1, "ascii decodes");
    CHECK(rift_utf8_decode(s, 6, 1, &n) == 0x201C && n == 3, "curly quote decodes");
    CHECK(rift_utf8_decode(s, 6, 4, &n) == 0xFFFD && n == 1, "invalid byte is one U+FFFD");
    CHECK(rift_utf8_decode(s, 6, 5, &n) == 0xFFFD && n == 1, "truncated sequence is one U+FFFD");
    CHECK(rift_utf8_class(0x201C) == RIFT_C_QUOTE_L, "left double quote class");
    CHECK(rift_utf8_class(0x2019) == RIFT_C_SQUOTE_R, "right single quote class");
    CHECK(rift_utf8_class(0x2014) == RIFT_C_DASH, "em dash class");
    CHECK(rift_utf8_class(0x00A0) == RIFT_C_SPACE, "no-break space class");
    CHECK(rift_utf8_class(0x00C9) == RIFT_C_UPPER, "É is upper");
    CHECK(rift_utf8_prev_len("a\xE2\x80\x9C", 4) == 3, "prev_len of a 3-byte unit");

    rift_arena a;
    rift_arena_init(&a);
    size_t len;
    char *f = rift_utf8_fold(&a, "Gor\xE2\x80\x99s", 7, &len);
    CHECK_STR(f, "gor's", "fold maps the curly apostrophe");
    f = rift_utf8_fold(&a, "Cafe\xCC\x81", 6, &len); /* e + combining acute */
    CHECK_STR(f, "caf\xC3\xA9", "fold composes to NFC");
    f = rift_utf8_fold(&a, "\xC3\x89LYS\xC3\x89\x45", 8, &len);
    CHECK_STR(f, "\xC3\xA9lys\xC3\xA9\x65", "fold lower-cases non-ASCII");
    rift_arena_release(&a);

    rift_buf b;
    rift_buf_init(&b);
    rift_json_str(&b, "a\"b\\\n\x01\xFF\xE2\x80\x9C", 10);
    CHECK_STR(b.data, "\"a\\\"b\\\\\\n\\u0001\xEF\xBF\xBD\xE2\x80\x9C\"",
              "json string escapes and repairs");
    rift_buf_free(&b);
}

static void test_strmap(void)
{
    rift_strmap m;
    rift_strmap_init(&m);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int k = snprintf(key, sizeof key, "key%d", i);
        rift_strmap_put(&m, key, (size_t)k, i);
    }
    int ok = 1;
    for (int i = 0; i < 5000; i++) {
        int k = snprintf(key, sizeof key, "key%d", i);
        ok &= rift_strmap_get(&m, key, (size_t)k) == i;
    }
    CHECK(ok && m.n == 5000, "strmap holds 5000 keys");
    CHECK(rift_strmap_get(&m, "nope", 4) == -1, "strmap misses absent keys");
    rift_strmap_free(&m);
}

static void test_dates(void)
{
    int y, m, d;
    CHECK(rift_date_parse("2025-06-07", 10, &y, &m, &d) && y == 2025 && m == 6 && d == 7,
          "parse ISO date");
    CHECK(rift_date_parse("2025-06-07T10:00:00Z", 20, &y, &m, &d), "parse ISO timestamp");
    CHECK(!rift_date_parse("2025-02-30", 10, &y, &m, &d), "reject Feb 30");
    CHECK(!rift_date_parse("June 7", 6, &y, &m, &d), "reject words");
    CHECK(rift_date_valid(2024, 2, 29) && !rift_date_valid(2025, 2, 29), "leap years");
    int z = rift_days_from_civil(2025, 6, 7);
    rift_civil_from_days(z - 2, &y, &m, &d);
    CHECK(y == 2025 && m == 6 && d == 5, "two days before 2025-06-07 is 06-05");
    CHECK(rift_days_from_civil(1970, 1, 1) == 0, "epoch is day 0");

    /* rift_date_read: the one reader of YYYY-MM-DD (CLI options, PATH@DATE,
     * default_date) */
    static const struct { const char *s; rift_status want; } cases[] = {
        {"2025-06-07", RIFT_OK}, {"2024-02-29", RIFT_OK}, {"2000-02-29", RIFT_OK},
        {"2025-02-31", RIFT_EINVAL}, {"2025-04-31", RIFT_EINVAL}, {"2023-02-29", RIFT_EINVAL},
        {"1900-02-29", RIFT_EINVAL}, {"2025-13-01", RIFT_EINVAL}, {"2025-00-10", RIFT_EINVAL},
        {"2025-06-00", RIFT_EINVAL}, {"0000-01-01", RIFT_EINVAL},
        {"2025-6-7", RIFT_EFORMAT}, {"2025-06-07T10:00", RIFT_EFORMAT},
        {"2025/06/07", RIFT_EFORMAT}, {"2025-06-07 ", RIFT_EFORMAT}, {"", RIFT_EFORMAT},
        {"+025-06-07", RIFT_EFORMAT}, {"2025-06", RIFT_EFORMAT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        y = m = d = 0;
        rift_status st = rift_date_read(cases[i].s, &y, &m, &d);
        CHECK(st == cases[i].want && (st != RIFT_OK || (y > 0 && m > 0 && d > 0)),
              "rift_date_read('%s'): %d, want %d", cases[i].s, st, cases[i].want);
    }
    CHECK(rift_date_read(NULL, NULL, NULL, NULL) == RIFT_EFORMAT, "rift_date_read(NULL)");
}

int main(void)
{
    test_arena();
    test_buf();
    test_utf8();
    test_strmap();
    test_dates();
    return TEST_DONE();
}
