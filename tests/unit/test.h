/* test.h: the smallest unit-test harness: CHECK records one result as a
 * TAP-like "ok"/"not ok" line that tests/run.sh counts.  Header-only.
 */
#ifndef RIFT_TEST_H
#define RIFT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_;
static int test_count_;

#define CHECK(cond, ...) do {                                               \
        test_count_++;                                                      \
        if (cond) {                                                         \
            printf("ok %d - ", test_count_);                                \
        } else {                                                            \
            test_failed_++;                                                 \
            printf("not ok %d - %s:%d: ", test_count_, __FILE__, __LINE__); \
        }                                                                   \
        printf(__VA_ARGS__);                                                \
        putchar('\n');                                                      \
    } while (0)

#define CHECK_STR(got, want, what) do {                                     \
        const char *g_ = (got), *w_ = (want);                               \
        int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;            \
        CHECK(same_, "%s: got '%s', want '%s'", what, g_ ? g_ : "(null)",   \
              w_ ? w_ : "(null)");                                          \
    } while (0)

#define TEST_DONE() (test_failed_ ? 1 : 0)

#endif
