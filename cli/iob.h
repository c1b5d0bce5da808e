/* iob.h: readers of the name corpora in IOB columns (UNER English EWT,
 * CrossNER, wikigold) into gold documents of tokens with typed name spans,
 * for "rift eval entities".  Reads only; never writes the corpora.
 */
#ifndef RIFT_IOB_H
#define RIFT_IOB_H

#include "evaldoc.h"

typedef enum iob_format {
    IOB_UNER,       /* "ID TAB token TAB tag ...", "# newdoc id = X" starts a document */
    IOB_CROSSNER,   /* "token TAB tag", each sentence its own document */
    IOB_WIKIGOLD    /* "token SPACE tag" (IO tags), "-DOCSTART-" between documents */
} iob_format;

/* Sentences end at a blank line; the text joins tokens with one space and
 * sentences with a blank line.  Returns the documents added, or -1 with
 * "FILE:LINE: why" in err. */
int iob_read(const char *path, iob_format f, tdoc_set *s, char *err, size_t errlen);
/* A corpus type as GOLD_PERSON (PER, person, politician), GOLD_ORG (ORG,
 * organisation, politicalparty), GOLD_LOC (LOC, GPE, country, location),
 * else GOLD_OTHER (not scored). */
int iob_type(const char *t, size_t n);

#endif
