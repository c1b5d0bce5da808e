/* evaldoc.h: gold documents as tokens, for the scorers of names (UNER,
 * CrossNER, wikigold), coreference (GUM, LitBank) and LitBank quotes: the
 * text built from the tokens, each token's byte span in it, and gold spans
 * as token ranges.  Never touches rift's internals; uses only rift.h.
 */
#ifndef RIFT_EVALDOC_H
#define RIFT_EVALDOC_H

#include "cli.h"

#include <stddef.h>
#include <stdint.h>

/* a gold span over tokens [a, b): a name or a coreference mention */
typedef struct td_span {
    uint32_t a, b;
    int type;       /* GOLD_PERSON, GOLD_ORG, GOLD_LOC, GOLD_OTHER (gold.h); -1 untyped */
    int chain;      /* coreference entity, -1 when none */
} td_span;

/* a gold quotation over tokens [a, b) and its speaker (LitBank) */
typedef struct td_quote {
    uint32_t a, b;
    char *speaker;  /* the speaker's label ("Winnie_Verloc-3"), or NULL */
    int chain;      /* the speaker's coreference entity, -1 when not found */
} td_quote;

typedef struct tdoc {
    char *id;
    cli_buf text;
    uint32_t *ts, *te; size_t nt, tcap;    /* token byte spans */
    uint32_t *sent; size_t ns, scap;       /* first token of each sentence */
    td_span *m; size_t nm, mcap;
    td_quote *q; size_t nq, qcap;
    int nchains;                           /* chain ids run 0..nchains-1 */
    int *chain_type;                       /* per chain: GOLD_*, -1 untyped */
    int *chain_orig;                       /* per chain: its id in the file */
} tdoc;

typedef struct tdoc_set { tdoc *d; size_t n, cap; } tdoc_set;

tdoc *tdoc_new(tdoc_set *s, const char *id);
void tdoc_set_free(tdoc_set *s);
/* Starts a sentence: the text gets sep ("\n\n" or " ") unless it is empty. */
void tdoc_sentence(tdoc *d, const char *sep);
/* Appends a token, after one space when space_before and the sentence has
 * begun; returns its index. */
uint32_t tdoc_token(tdoc *d, const char *form, size_t len, bool space_before);
/* Puts a token at a byte span already written (a word inside "don't"). */
uint32_t tdoc_token_at(tdoc *d, uint32_t start, uint32_t end);
void tdoc_span(tdoc *d, uint32_t a, uint32_t b, int type, int chain);
/* The tokens a byte span [start, end) touches, as [*a, *b); false if none. */
bool tdoc_map(const tdoc *d, uint32_t start, uint32_t end, uint32_t *a, uint32_t *b);
/* The sentence holding token t. */
size_t tdoc_sent_of(const tdoc *d, uint32_t t);
/* Prints tokens [a, b) as "text" (newlines as spaces), then, with
 * context, " in: " and the sentence(s) around them. */
void tdoc_show(const tdoc *d, uint32_t a, uint32_t b, bool context);
/* For coreference: drops spans whose token range repeats an earlier one
 * (the first is kept), renumbers the chains 0..nchains-1 in order of first
 * mention, and types each chain by the most common type of its typed
 * mentions (-1 when none is typed). */
void tdoc_finish_chains(tdoc *d);

/* Runs the document's text through rift_doc_analyze (no title, no date);
 * NULL after saying why. */
rift_doc *tdoc_analyze(const rift_model *m, const tdoc *d, const char *origin);

/* ---- reading gold files ---- */

/* "why" into err (vsnprintf) */
void eval_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A text file line by line; errors go to err as "FILE: why" or "FILE:LINE: why". */
typedef struct ev_lines {
    FILE *f;
    const char *path;
    char *line; size_t cap;
    long lineno;
    char *err; size_t errlen;
} ev_lines;
bool ev_lines_open(ev_lines *r, const char *path, char *err, size_t errlen);
/* the next line without its line end (*len bytes), NULL at the end */
char *ev_lines_next(ev_lines *r, size_t *len);
/* says "FILE:LINE: why" for the line last read; returns false */
bool ev_lines_fail(ev_lines *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* false (said) when reading failed */
bool ev_lines_close(ev_lines *r);
/* cuts s at each sep in place into at most max fields; returns how many */
int ev_split(char *s, char sep, char **col, int max);

/* s with every letter and digit kept, case-folded (ASCII), into out. */
void eval_fold(const char *s, size_t n, char *out, size_t cap);

#endif
