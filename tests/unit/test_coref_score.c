/* test_coref_score.c: the coreference measures of rift eval coref (MUC,
 * B-cubed, CEAF-e) on small examples worked out by hand in the comments.
 * Builds cli/coref_score.c in, as it is not part of the library.
 */
#include "../../cli/coref_score.c"
#include "test.h"

#include <math.h>

#define NEAR(got, want, what) \
    CHECK(fabs((got) - (want)) < 1e-9, "%s: got %.6f, want %.6f", what, (double)(got), \
          (double)(want))

/* mentions a..i as 0..8; -1: the side lacks the mention */
enum { A, B, C, D, E, F, G, H, I, NM };

static void check(const coref_counts *c, int metric, double r, double p, double f,
                  const char *what)
{
    double v[3];
    char label[80];
    coref_rpf(c, metric, v);
    snprintf(label, sizeof label, "%s recall", what);
    NEAR(v[COREF_R], r, label);
    snprintf(label, sizeof label, "%s precision", what);
    NEAR(v[COREF_P], p, label);
    snprintf(label, sizeof label, "%s F1", what);
    NEAR(v[COREF_F], f, label);
}

/* key {a b c} {d e f g}; response {a b} {c d} {f g h i} (e missing, h i extra)
 *  MUC recall: {a b c} falls in 2 parts -> 3-2 = 1; {d e f g} in 3 ({d},
 *    {e} unseen, {f g}) -> 4-3 = 1; links needed 2 + 3: R = 2/5.
 *  MUC precision: {a b} 1 part -> 1; {c d} 2 parts -> 0; {f g h i} 3 parts
 *    ({f g}, h, i) -> 1; links 1 + 1 + 3: P = 2/5; F1 = 0.4.
 *  B-cubed recall: (2^2/3 + 1^2/3) + (1^2/4 + 2^2/4) = 5/3 + 5/4 = 35/12
 *    over 7 key mentions = 5/12; precision: 2^2/2 + (1/2 + 1/2) + 2^2/4 = 4
 *    over 8 response mentions = 1/2; F1 = 5/11.
 *  CEAF-e phi4: K1R1 = 4/5, K1R2 = 2/5, K2R2 = 2/6, K2R3 = 4/8; best
 *    K1R1 + K2R3 = 1.3: recall 1.3/2 = 0.65, precision 1.3/3, F1 = 0.52.
 *  CoNLL: (0.4 + 5/11 + 0.52) / 3. */
static void test_example1(void)
{
    int key[NM] = {0, 0, 0, 1, 1, 1, 1, -1, -1};
    int resp[NM] = {5, 5, 7, 7, -1, 9, 9, 9, 9};
    coref_counts c = {0};
    coref_score(key, resp, NM, &c);
    check(&c, COREF_MUC, 0.4, 0.4, 0.4, "example 1 MUC");
    check(&c, COREF_B3, 5.0 / 12, 0.5, 5.0 / 11, "example 1 B-cubed");
    check(&c, COREF_CEAFE, 0.65, 1.3 / 3, 0.52, "example 1 CEAF-e");
    NEAR(coref_conll(&c), (0.4 + 5.0 / 11 + 0.52) / 3, "example 1 CoNLL");
}

/* key {a b c} {d e}; response {a b d} {c}: greedy alignment would take
 * K1R1 (phi4 4/6) and leave K2 with nothing; the best is K1R2 (2/4) + K2R1
 * (2/5) = 0.9: CEAF-e recall = precision = F1 = 0.45.
 *  MUC recall: K1 in 2 parts -> 1, K2 in 2 ({d}, e unseen) -> 0; over 2 + 1
 *    = 1/3; precision: R1 in 2 parts -> 1, R2 -> 0; over 2 + 0 = 1/2; F1 0.4.
 *  B-cubed recall: (4/3 + 1/3) + 1/2 = 13/6 over 5 = 13/30; precision:
 *    (4/3 + 1/3) + 1 = 8/3 over 4 = 2/3; F1 = 2(13/30)(2/3) / (13/30 + 2/3)
 *    = 52/99. */
static void test_example2(coref_counts *c)
{
    int key[5] = {0, 0, 0, 1, 1};
    int resp[5] = {0, 0, 1, 0, -1};
    coref_score(key, resp, 5, c);
    check(c, COREF_CEAFE, 0.45, 0.45, 0.45, "example 2 CEAF-e (not greedy)");
    check(c, COREF_MUC, 1.0 / 3, 0.5, 0.4, "example 2 MUC");
    check(c, COREF_B3, 13.0 / 30, 2.0 / 3, 52.0 / 99, "example 2 B-cubed");
}

/* edge cases: the response equals the key; singletons only; empty */
static void test_edges(void)
{
    int key[4] = {3, 3, 8, 8}, same[4] = {1, 1, 0, 0};
    coref_counts c = {0};
    coref_score(key, same, 4, &c);
    check(&c, COREF_MUC, 1, 1, 1, "identical MUC");
    check(&c, COREF_B3, 1, 1, 1, "identical B-cubed");
    check(&c, COREF_CEAFE, 1, 1, 1, "identical CEAF-e");
    /* key singletons {a} {b}, response {a b}: MUC recall has no link to
     * find (0/0 -> 0), precision 0/1; B-cubed recall 1, precision 1/2;
     * CEAF-e phi4(a, ab) = 2/3: recall (2/3)/2, precision (2/3)/1 */
    int k2[2] = {0, 1}, r2[2] = {0, 0};
    coref_counts s = {0};
    coref_score(k2, r2, 2, &s);
    check(&s, COREF_MUC, 0, 0, 0, "singletons MUC");
    check(&s, COREF_B3, 1, 0.5, 2.0 / 3, "singletons B-cubed");
    check(&s, COREF_CEAFE, 1.0 / 3, 2.0 / 3, 4.0 / 9, "singletons CEAF-e");
    coref_counts z = {0};
    coref_score(NULL, NULL, 0, &z);
    NEAR(coref_conll(&z), 0, "no mentions: all 0");
}

int main(void)
{
    test_example1();
    /* two documents sum their counts: MUC recall (2 + 1) / (5 + 3) */
    coref_counts two = {0};
    int key[NM] = {0, 0, 0, 1, 1, 1, 1, -1, -1};
    int resp[NM] = {5, 5, 7, 7, -1, 9, 9, 9, 9};
    coref_score(key, resp, NM, &two);
    coref_counts second = {0};
    test_example2(&second);
    coref_add(&two, &second);
    double v[3];
    coref_rpf(&two, COREF_MUC, v);
    NEAR(v[COREF_R], 3.0 / 8, "two documents: MUC recall summed");
    coref_rpf(&two, COREF_CEAFE, v);
    NEAR(v[COREF_R], (1.3 + 0.9) / 4, "two documents: CEAF-e recall summed");
    test_edges();
    return TEST_DONE();
}
