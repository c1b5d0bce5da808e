/* gold.h: loaders of the gold corpora "rift eval" scores against (MEANTIME
 * CAT XML, GUM Wikinews).  Each document becomes the article text we build
 * from its tokens plus its gold annotations as byte spans into that text.
 * Reads the shared corpora only; never writes them, never uses rift internals.
 */
#ifndef RIFT_GOLD_H
#define RIFT_GOLD_H

#include <stddef.h>
#include <stdint.h>

enum { GOLD_PERSON = 0, GOLD_ORG, GOLD_LOC, GOLD_OTHER, GOLD_NTYPES };

typedef struct gold_mention {
    uint32_t start, end;
    int type;       /* GOLD_PERSON, GOLD_ORG, GOLD_LOC, else GOLD_OTHER */
    int named;      /* counts as gold for NER (see docs/accuracy.md) */
    int chain;      /* coreference chain, -1 when the mention has none */
} gold_mention;

typedef struct gold_time {
    uint32_t start, end;
    char *value;    /* the gold value as annotated */
    int dct;        /* the document creation time (the date line) */
    int type;       /* TIMEX3 type: GOLD_TX_DATE..GOLD_TX_SET, 0 when not given */
} gold_time;

enum { GOLD_TX_DATE = 1, GOLD_TX_TIME, GOLD_TX_DURATION, GOLD_TX_SET, GOLD_TX_N };

typedef struct gold_quote {
    uint32_t start, end;
    int fragment;   /* a quoted word or phrase, not a clause */
    int speaker;    /* index of the speaker's mention, -1 when unknown */
} gold_quote;

typedef struct gold_speech {    /* a speech event with its speaker (MEANTIME) */
    uint32_t cue_start, cue_end;
    uint32_t sent_start, sent_end; /* the sentence that holds the cue */
    int speaker;    /* index of the speaker's mention */
} gold_speech;

typedef struct gold_doc {
    const char *corpus;         /* "meantime" or "gum" */
    char *id, *title, *date;    /* date YYYY-MM-DD or NULL */
    char *text;
    size_t len;
    uint32_t scored_end;        /* gold covers [0, scored_end) of the text */
    int has_quotes;             /* the corpus marks quotes */
    int names_marked;           /* mentions say which are names (MEANTIME's
                                   syntactic_type; always so in GUM) */
    gold_mention *ments; size_t n_ments;
    gold_time *times; size_t n_times;
    gold_quote *quotes; size_t n_quotes;
    gold_speech *speech; size_t n_speech;
} gold_doc;

typedef struct gold_set {
    gold_doc *docs;
    size_t n, cap;
} gold_set;

/* dir is the corpus folder (.../corpora/meantime-en, .../corpora/gum-wiki).
 * Both return the number of documents added, or -1 with a message in err. */
int gold_load_meantime(const char *dir, gold_set *s, char *err, size_t errlen);
/* genres: comma-separated GUM genres to keep ("news", "news,interview") */
int gold_load_gum(const char *dir, const char *genres, gold_set *s, char *err,
                  size_t errlen);
void gold_set_free(gold_set *s);

#endif
