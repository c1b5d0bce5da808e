/* corefdoc.h: readers of coreference gold into documents of tokens for
 * "rift eval coref" and "rift eval quotes --corpus litbank": CoNLL-2012
 * style files (LitBank), GUM's CoNLL-U Entity= column, and LitBank's entity
 * and quotation layers.  Reads only; never writes the corpora.
 */
#ifndef RIFT_COREFDOC_H
#define RIFT_COREFDOC_H

#include "evaldoc.h"

/* CoNLL-2012 style: "#begin document (NAME)" starts a document, a blank
 * line ends a sentence, the 4th column is the token and the last holds
 * the mentions ("(7", "7)", "(7)", joined by "|"; "-" or "_" for none).
 * Tokens are joined by one space, sentences by sep.  Mentions are untyped;
 * call tdoc_finish_chains on each document (after typing its mentions).
 * Returns documents added, or -1 with "FILE:LINE: why". */
int coref_conll_read(const char *path, const char *sep, tdoc_set *s, char *err,
                     size_t errlen);
/* UD CoNLL-U with GUM's Entity= in MISC (plain or .xz): text as written
 * (SpaceAfter, multiword tokens once, a blank line at "# newpar"); types
 * person, organization, place as PERSON, ORG, LOC, the rest GOLD_OTHER;
 * chains finished.  Returns documents added, or -1. */
int coref_gum_read(const char *path, tdoc_set *s, char *err, size_t errlen);

/* LitBank's entity layer (entities/tsv, nested BIO columns): each mention
 * of d with the very span of an entity gets its type (PER as PERSON, ORG,
 * GPE and LOC as LOC, FAC and VEH not covered).  false on a token mismatch. */
bool litbank_types(const char *path, tdoc *d, char *err, size_t errlen);
/* LitBank's quotations (quotations/tsv/NAME.ann: QUOTE and ATTRIB rows),
 * each with its speaker's chain (see litbank_speaker_chain).  Chains must
 * be finished.  false on a row that does not fit the document. */
bool litbank_quotes(const char *path, tdoc *d, char *err, size_t errlen);
/* The gold chain of a LitBank speaker label "Name_Words-N" (docs/accuracy.md):
 * the chain with a mention spelling the name (letters and digits,
 * case-folded; several: the one numbered N in the file, else the first);
 * else chain N when one of its mentions holds a word of the name (3 letters
 * or more); else -1. */
int litbank_speaker_chain(const tdoc *d, const char *label);

/* LitBank's test documents: LitBank defines no split, so rift takes the
 * books of coref/conll in file-name order, numbered from 0, whose number
 * % 10 == 9 (10 of 100), each with its entity types and, with quotes, its
 * quotations.  Returns documents added, or -1. */
#define LITBANK_FOLDS 10
#define LITBANK_SPLIT "test: the books numbered 9, 19, ..., 99 of coref/conll in " \
    "file-name order from 0 (number % 10 == 9; LitBank defines no split)"
int litbank_load(const char *dir, bool quotes, tdoc_set *s, char *err, size_t errlen);

#endif
