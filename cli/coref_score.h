/* coref_score.h: the CoNLL coreference measures of one response against a
 * key: MUC (Vilain et al. 1995), B-cubed (Bagga and Baldwin 1998) and
 * entity-based CEAF with phi4 (Luo 2005), summed over documents as the
 * CoNLL-2012 scorer does.  Pure functions: no I/O, no rift.
 */
#ifndef RIFT_COREF_SCORE_H
#define RIFT_COREF_SCORE_H

#include <stddef.h>

/* numerators and denominators, summed over documents */
typedef struct coref_counts {
    double muc_rn, muc_rd, muc_pn, muc_pd;
    double b3_rn, b3_rd, b3_pn, b3_pd;
    double ceaf_sim, ceaf_key, ceaf_resp;   /* aligned phi4, entity counts */
} coref_counts;

enum { COREF_MUC, COREF_B3, COREF_CEAFE, COREF_NMETRICS };
enum { COREF_R, COREF_P, COREF_F };

/* One document: mentions 0..n-1 (the key's and the response's together),
 * key[i] and resp[i] the entity of mention i (any ids >= 0), or -1 when
 * that side does not have the mention.  Adds the counts to *c. */
void coref_score(const int *key, const int *resp, size_t n, coref_counts *c);
void coref_add(coref_counts *a, const coref_counts *b);
/* recall, precision and F1 of a measure (0 when undefined) */
void coref_rpf(const coref_counts *c, int metric, double out[3]);
/* the CoNLL score: the mean of the three F1 */
double coref_conll(const coref_counts *c);

#endif
