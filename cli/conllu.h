/* conllu.h: a reader of CoNLL-U files (Universal Dependencies), plain or
 * .xz-compressed, one sentence at a time; for rift eval and the trainers.
 */
#ifndef RIFT_CONLLU_H
#define RIFT_CONLLU_H

#include <stddef.h>
#include <stdio.h>

/* One syntactic word (an integer ID line).  Strings are "_" when empty. */
typedef struct conllu_word {
    char *form, *lemma, *upos, *xpos, *feats, *deprel, *misc;
    int head;              /* 0 = root, else 1-based word index */
    int space_after;       /* 0 when MISC says SpaceAfter=No */
    char *extra;           /* the columns after the tenth, tab-separated, as
                            * Universal PropBank adds them; "" when none */
} conllu_word;

/* A multiword token "3-4 don't": the surface form of words first..last. */
typedef struct conllu_mwt {
    int first, last;       /* 1-based word indices */
    char *form;
    int space_after;
} conllu_mwt;

typedef struct conllu_sent {
    conllu_word *w; size_t n;
    conllu_mwt *mwt; size_t n_mwt;
    char *text;            /* "# text = ..." or NULL */
    char *sent_id;         /* "# sent_id = ..." or NULL */
    int newdoc, newpar;    /* the sentence starts a document / paragraph */
    long line;             /* line of its first word */
} conllu_sent;

typedef struct conllu_reader conllu_reader;

/* Opens PATH (a .xz name is read through `xz -dc`); NULL with errno set. */
conllu_reader *conllu_open(const char *path);
/* 1 and the next sentence (valid until the next call), 0 at the end, -1 on
 * a malformed line: conllu_error() says FILE:LINE: why. */
int conllu_next(conllu_reader *r, conllu_sent *s);
const char *conllu_error(const conllu_reader *r);
void conllu_close(conllu_reader *r);

#endif
