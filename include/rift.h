/* rift.h: the one public header of librift, which reads news articles and
 * returns, as data, who is who, who said what, what happened and when.
 *
 * Ownership, said once: handles are created by a _new/_open call and freed
 * by the matching _free/_close call (all of which accept NULL).  Every array
 * and string a rift_doc accessor returns is borrowed from the document and
 * lives until rift_doc_free.  Offsets are byte offsets into the article text
 * as rift received it, half-open [start, end).  The library never prints and
 * never exits; messy content is data, not an error.
 */
#ifndef RIFT_H
#define RIFT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RIFT_VERSION "0.1.0"
#define RIFT_SCHEMA_VERSION 1

/* Every public function carries RIFT_API: the library is built with
 * -fvisibility=hidden, so only these are exported from librift.so (the ABI
 * policy: README.md, "The C library"). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define RIFT_API __attribute__((visibility("default")))
#else
#define RIFT_API
#endif

/* ---- status ------------------------------------------------------------ */

typedef enum rift_status {
    RIFT_OK = 0,
    RIFT_DONE,      /* a reader has no more articles */
    RIFT_SKIP,      /* a record was unusable and skipped; detail on the handle */
    RIFT_ENOMEM,
    RIFT_EIO,       /* a file could not be opened or read */
    RIFT_EFORMAT,   /* a data file (lexicon, actor list) or a value is malformed */
    RIFT_EINVAL     /* a bad argument from the caller */
} rift_status;

RIFT_API const char *rift_strerror(rift_status st);
RIFT_API const char *rift_version(void);

/* ---- model: lexicons and patterns, opened once, shared read-only ------- */

typedef struct rift_model rift_model;

/* datadir NULL: $RIFT_DATA if set, else the installed data directory, else
 * ./data/en.  Every required data file (data/en/README.md) must be there,
 * a regular file in its format: a missing or malformed one fails the open
 * with an errmsg naming it ("DIR/titles.txt:12: why" for a line).  On
 * failure *out may still hold a model whose errmsg says why. */
RIFT_API rift_status rift_model_open(const char *datadir, rift_model **out);
RIFT_API void rift_model_close(rift_model *m);
RIFT_API const char *rift_model_errmsg(const rift_model *m);
/* Add a user actor list (rift's own format, or PETRARCH/Phoenix when the
 * file looks like one).  Must be called before the model is shared. */
RIFT_API rift_status rift_model_add_actors(rift_model *m, const char *path);
/* PETRARCH dictionaries (docs/petrarch.md), added the same way: a CAMEO
 * verb dictionary (the events stage then codes the verbs it knows by its
 * patterns), an agents dictionary ("MINISTER [~GOV]") and a discard list
 * (sentences naming a phrase of it give no events).  Repeatable; a
 * malformed file gives RIFT_EFORMAT and an errmsg "FILE:LINE: why"; a path
 * that is no regular file (a directory, a FIFO) gives RIFT_EIO, as it does
 * for rift_model_add_actors. */
RIFT_API rift_status rift_model_add_verbs(rift_model *m, const char *path);
RIFT_API rift_status rift_model_add_agents(rift_model *m, const char *path);
RIFT_API rift_status rift_model_add_discards(rift_model *m, const char *path);

/* ---- articles and readers ---------------------------------------------- */

typedef struct rift_article {
    const char *id, *url, *title, *date, *source, *author; /* NULL if absent */
    const char *text;   /* article text (HTML already reduced to text) */
    size_t text_len;
    const char *origin; /* file the article came from ("-" for stdin) */
    long line;          /* line of origin (JSONL), 1 for whole files */
} rift_article;

typedef enum rift_format {
    RIFT_FORMAT_AUTO = 0, RIFT_FORMAT_TEXT, RIFT_FORMAT_JSONL, RIFT_FORMAT_HTML,
    RIFT_FORMAT_WARC    /* web archives: each HTML page of an HTTP response
                         * record is an article (README.md, "WARC archives") */
} rift_format;

typedef struct rift_reader_options {
    rift_format format;   /* AUTO: by extension, then by content */
    size_t max_bytes;     /* largest article or line accepted; 0 = default */
} rift_reader_options;

#define RIFT_DEFAULT_MAX_BYTES ((size_t)8 << 20)

typedef struct rift_reader rift_reader;

/* path "-" reads standard input.  gzip input is recognised by content. */
RIFT_API rift_status rift_reader_open(const char *path, const rift_reader_options *opt,
                                      rift_reader **out);
/* Next article: RIFT_OK and *a filled (borrowed until the next call),
 * RIFT_DONE at the end, RIFT_SKIP when a record was skipped (errmsg and line
 * say which and why; call again), RIFT_EIO when the input failed. */
RIFT_API rift_status rift_reader_next(rift_reader *r, rift_article *a);
RIFT_API const char *rift_reader_errmsg(const rift_reader *r);
RIFT_API long rift_reader_line(const rift_reader *r); /* line of the last record */
RIFT_API void rift_reader_close(rift_reader *r);
/* Reading apart from parsing, so that JSON Lines records can be parsed on
 * other threads: rift_reader_next_raw gives the next non-blank line of a
 * JSON Lines input unparsed (borrowed until the next call; rift_reader_line
 * says which), RIFT_SKIP for an over-long line, RIFT_DONE, RIFT_EIO, or
 * RIFT_EINVAL when the input is not JSON Lines (rift_reader_is_jsonl).
 * rift_record_parse reads such a line exactly as rift_reader_next would:
 * RIFT_OK with *a filled (origin and line left empty; its strings live in
 * *rec), or RIFT_SKIP with the reason in err.  Free *rec either way. */
typedef struct rift_record rift_record;
RIFT_API int rift_reader_is_jsonl(const rift_reader *r);
RIFT_API rift_status rift_reader_next_raw(rift_reader *r, const char **line, size_t *len);
RIFT_API rift_status rift_record_parse(const char *line, size_t len, rift_record **rec,
                                       rift_article *a, char *err, size_t errn);
RIFT_API void rift_record_free(rift_record *rec);

/* ---- analysis ---------------------------------------------------------- */

typedef enum rift_date_order {
    RIFT_DATE_ORDER_AUTO = 0, RIFT_DATE_ORDER_DMY, RIFT_DATE_ORDER_MDY
} rift_date_order;

/* The document stages, in the order they run.  Analysis can stop after any
 * of them (the later layers stay empty): for speed, or to measure a stage. */
typedef enum rift_stage {
    RIFT_STAGE_ALL = 0,
    RIFT_STAGE_NORMALIZE, RIFT_STAGE_BLOCKS, RIFT_STAGE_SEGMENT,
    RIFT_STAGE_SYNTAX,  /* part of speech, lemma, features, dependency tree */
    RIFT_STAGE_ENTITIES, RIFT_STAGE_TIMES, RIFT_STAGE_QUOTES, RIFT_STAGE_EVENTS
} rift_stage;

/* How "last week", "this week", "next week" are valued: the ISO week
 * (1999-W02, TIMEX3's own reading, the default) or the month holding the
 * week's Thursday (1999-01, as some newswire TimeML gold writes it). */
typedef enum rift_time_granularity {
    RIFT_TIME_GRANULARITY_WEEK = 0, RIFT_TIME_GRANULARITY_MONTH
} rift_time_granularity;

typedef struct rift_analyze_options {
    const char *default_date;   /* YYYY-MM-DD for undated articles, or NULL */
    rift_date_order date_order; /* how to read 07/06/2025 */
    rift_stage last_stage;      /* stop after this stage; 0 = run them all */
    int no_syntax;              /* skip stage "syntax" (several times faster;
                                 * no words, and the later stages fall back
                                 * to their word-order rules) */
    rift_time_granularity time_granularity; /* "last week": its ISO week
                                 * (default) or the month it falls in */
} rift_analyze_options;

/* Reads a calendar date written YYYY-MM-DD, the form default_date takes:
 * RIFT_OK with *y, *m, *d set (each may be NULL), RIFT_EFORMAT when s is
 * not in that form, RIFT_EINVAL when it is but the day does not exist
 * (2025-02-31, 2025-13-01, year 0).  rift_doc_analyze refuses a
 * default_date that this does not read (RIFT_EINVAL). */
RIFT_API rift_status rift_date_read(const char *s, int *y, int *m, int *d);

/* "segment" -> RIFT_STAGE_SEGMENT; RIFT_STAGE_ALL for "all"; -1 if unknown */
RIFT_API int rift_stage_from_name(const char *name);

typedef struct rift_doc rift_doc;

RIFT_API rift_status rift_doc_analyze(const rift_model *m, const rift_article *a,
                                      const rift_analyze_options *opt, rift_doc **out);
RIFT_API void rift_doc_free(rift_doc *d);

typedef struct rift_span { uint32_t start, end; } rift_span;

typedef enum rift_date_origin {
    RIFT_DATE_NONE = 0, RIFT_DATE_METADATA, RIFT_DATE_TEXT, RIFT_DATE_DEFAULT
} rift_date_origin;

typedef struct rift_meta {
    const char *id, *url, *title, *source, *author; /* NULL when unknown */
    const char *date;           /* YYYY-MM-DD or NULL */
    rift_date_origin date_origin;
    const char *date_note;      /* why this date was chosen, or NULL */
    const char *origin;
    long line;
} rift_meta;

typedef enum rift_block_kind {
    RIFT_BLOCK_TEXT = 0,    /* article body paragraph */
    RIFT_BLOCK_TITLE,       /* the article's title */
    RIFT_BLOCK_HEADING,     /* a subheading inside the body */
    RIFT_BLOCK_DATELINE,    /* a line carrying the date */
    RIFT_BLOCK_BYLINE,      /* the author */
    RIFT_BLOCK_SOURCE,      /* "(Source: www.example.net)" */
    RIFT_BLOCK_BOILERPLATE  /* navigation, menus, share lines, repeats */
} rift_block_kind;

typedef struct rift_block {
    uint32_t start, end;
    rift_block_kind kind;
} rift_block;

typedef enum rift_token_kind {
    RIFT_TOK_WORD = 0, RIFT_TOK_NUMBER, RIFT_TOK_PUNCT, RIFT_TOK_QUOTE,
    RIFT_TOK_DASH, RIFT_TOK_SYMBOL, RIFT_TOK_URL
} rift_token_kind;

/* token flags */
#define RIFT_TF_CAP       0x0001u /* first letter upper case */
#define RIFT_TF_ALLCAP    0x0002u /* two or more letters, all upper case */
#define RIFT_TF_SENT_START 0x0004u /* first token of its sentence */
#define RIFT_TF_QUOTE_OPEN 0x0008u /* a quote mark that opens */
#define RIFT_TF_QUOTE_CLOSE 0x0010u /* a quote mark that closes */
#define RIFT_TF_SPACE_BEFORE 0x0020u /* white space before the token */
#define RIFT_TF_ABBREV    0x0040u /* ends with a period that is not a full stop */
#define RIFT_TF_NONASCII  0x0080u
#define RIFT_TF_POSSESSIVE 0x0100u /* a word followed by the clitic token 's (or ending s') */

typedef struct rift_token {
    uint32_t start, end;
    uint16_t kind;    /* rift_token_kind */
    uint16_t flags;   /* RIFT_TF_* */
} rift_token;

/* Universal Dependencies part-of-speech tags (rift_word.upos). */
typedef enum rift_upos {
    RIFT_UPOS_NONE = 0, RIFT_UPOS_ADJ, RIFT_UPOS_ADP, RIFT_UPOS_ADV,
    RIFT_UPOS_AUX, RIFT_UPOS_CCONJ, RIFT_UPOS_DET, RIFT_UPOS_INTJ,
    RIFT_UPOS_NOUN, RIFT_UPOS_NUM, RIFT_UPOS_PART, RIFT_UPOS_PRON,
    RIFT_UPOS_PROPN, RIFT_UPOS_PUNCT, RIFT_UPOS_SCONJ, RIFT_UPOS_SYM,
    RIFT_UPOS_VERB, RIFT_UPOS_X, RIFT_N_UPOS
} rift_upos;
RIFT_API const char *rift_upos_name(rift_upos u); /* "NOUN"; "_" for NONE */

/* The syntax of one token (stage "syntax"): rift_doc_words gives one per
 * token, parallel to rift_doc_tokens.  Strings belong to the model or the
 * document and live until rift_doc_free / rift_model_close. */
typedef struct rift_word {
    rift_upos upos;
    const char *xpos;    /* Penn tag: "VBD" */
    const char *lemma;   /* "criticize" */
    const char *feats;   /* "Mood=Ind|Tense=Past|VerbForm=Fin", NULL if none */
    int32_t head;        /* token index (into rift_doc_tokens) of the head;
                          * -1 for the root of its sentence */
    const char *deprel;  /* UD relation: "nsubj", "obl:agent", "root" */
} rift_word;

typedef struct rift_sentence {
    uint32_t start, end;
    uint32_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
    uint32_t block;              /* index into the blocks */
} rift_sentence;

typedef enum rift_entity_type {
    RIFT_ENT_PERSON = 0, RIFT_ENT_ORG, RIFT_ENT_OUTLET, RIFT_ENT_LOC
} rift_entity_type;

typedef struct rift_entity {
    const char *name;
    rift_entity_type type;
    const char *const *roles; size_t n_roles;
    const rift_span *mentions; size_t n_mentions;
    const char *code;      /* actor code from an actor list, or NULL */
    int unnamed;           /* a person or group the article never names
                            * ("the girls", "a 12-year-old boy"): JSON
                            * "named": false; such entities come after the
                            * named ones and are never linked across articles */
    double confidence;     /* the name model's probability that the entity's
                            * best name is a name (0..1); 0 when the model
                            * did not run (--no-syntax) or it has no name */
} rift_entity;

typedef enum rift_speaker_kind {
    RIFT_SPEAKER_UNKNOWN = 0, RIFT_SPEAKER_PERSON, RIFT_SPEAKER_ORGANIZATION,
    RIFT_SPEAKER_ANONYMOUS
} rift_speaker_kind;

typedef struct rift_quote {
    uint32_t start, end;       /* the quoted words, marks included */
    int32_t speaker;           /* entity index, -1 when none */
    rift_speaker_kind speaker_kind;
    rift_span speaker_text;    /* words naming the speaker; start==end if none */
    rift_span cue;             /* "said", "told", ...; start==end if none */
    int32_t via;               /* entity index of the outlet or channel, -1 */
    const char *via_name;      /* "Truth Social", "a statement", or NULL */
    int fragment;              /* a short quoted phrase inside a sentence */
} rift_quote;

typedef struct rift_time {
    uint32_t start, end;
    const char *value;       /* ISO 8601, NULL when it cannot be resolved */
    const char *granularity; /* "day", "week", "month", "season", "year", ... */
    const char *mod;         /* "early", "mid", "late", or NULL */
} rift_time;

/* How real an event is, as its sentence tells it (docs/events.md): done
 * or reported done, said to come, intended, threatened, demanded, only
 * supposed ("if X attacks"), or asked about. */
typedef enum rift_modality {
    RIFT_MOD_ASSERTED = 0, RIFT_MOD_FUTURE, RIFT_MOD_INTENDED, RIFT_MOD_THREATENED,
    RIFT_MOD_DEMANDED, RIFT_MOD_HYPOTHETICAL, RIFT_MOD_QUESTION
} rift_modality;
#define RIFT_MOD_COUNT 7

/* Where an event's date comes from: a time expression attached to its
 * predicate in the tree, one elsewhere in its sentence, the article's. */
typedef enum rift_event_date_origin {
    RIFT_EVDATE_NONE = 0, RIFT_EVDATE_CLAUSE, RIFT_EVDATE_SENTENCE, RIFT_EVDATE_ARTICLE
} rift_event_date_origin;

typedef struct rift_event {
    int32_t source, target;   /* entity indices, -1 when none */
    const char *plover, *mode, *cameo;
    double goldstein;
    int negated;
    const char *date;          /* ISO value */
    int date_from_article;     /* the date is the article's own */
    uint32_t start, end;       /* the sentence or clause */
    rift_span trigger;
    /* CAMEO-style actor codes ("ISRMIL", "USAGOV", "---REB"; NULL when
     * unknown) and the words naming each actor (start==end if none).  An
     * actor may have a code and words but no entity ("Israeli troops"). */
    const char *source_code, *target_code;
    rift_span source_text, target_text;
    rift_modality modality;    /* RIFT_MOD_ASSERTED unless the text says otherwise */
    /* whose claim the event is: the speaker or outlet reporting it ("X said
     * Y attacked Z": X; "according to The Atlantic"); an entity index, -1,
     * and the words naming it (start==end when none) */
    int32_t attributed_to;
    rift_span attribution;
    /* what is acted on when it is no actor ("vetoed the bill"), start==end */
    rift_span object_text;
    double confidence;         /* in [0, 1]: how sure the stage is of the event */
    rift_event_date_origin date_origin;
} rift_event;

/* The syntax of one sentence given as words (gold tokenization, as in
 * CoNLL-U; for evaluation and for callers with their own tokenizer): tags,
 * lemmatises and parses forms[0..n) (UTF-8, lens[i] bytes each).  In the
 * result, head is a word index in [0, n) or -1 for the root.  n may be 0. */
typedef struct rift_parse rift_parse;
RIFT_API rift_status rift_parse_words(const rift_model *m, const char *const *forms,
                                      const size_t *lens, size_t n, rift_parse **out);
RIFT_API const rift_word *rift_parse_result(const rift_parse *p, size_t *n);
RIFT_API void rift_parse_free(rift_parse *p);

RIFT_API const char *rift_doc_text(const rift_doc *d, size_t *len);
RIFT_API const rift_meta *rift_doc_meta(const rift_doc *d);
RIFT_API const rift_block *rift_doc_blocks(const rift_doc *d, size_t *n);
RIFT_API const rift_token *rift_doc_tokens(const rift_doc *d, size_t *n);
/* One per token (n == the token count) after stage "syntax"; NULL, 0 before */
RIFT_API const rift_word *rift_doc_words(const rift_doc *d, size_t *n);
RIFT_API const rift_sentence *rift_doc_sentences(const rift_doc *d, size_t *n);
RIFT_API const rift_entity *rift_doc_entities(const rift_doc *d, size_t *n);
RIFT_API const rift_quote *rift_doc_quotes(const rift_doc *d, size_t *n);
RIFT_API const rift_time *rift_doc_times(const rift_doc *d, size_t *n);
RIFT_API const rift_event *rift_doc_events(const rift_doc *d, size_t *n);
/* The stable ABI: each layer's count and its i-th element (NULL when i is
 * out of range), borrowed like the arrays.  A program that reads the
 * layers this way keeps working when a later librift adds fields at the
 * end of these structs; one that indexes the arrays above depends on their
 * element sizes and must be rebuilt when the soname changes (README.md,
 * "The C library"). */
RIFT_API size_t rift_doc_n_blocks(const rift_doc *d);
RIFT_API size_t rift_doc_n_tokens(const rift_doc *d);
RIFT_API size_t rift_doc_n_words(const rift_doc *d);
RIFT_API size_t rift_doc_n_sentences(const rift_doc *d);
RIFT_API size_t rift_doc_n_entities(const rift_doc *d);
RIFT_API size_t rift_doc_n_quotes(const rift_doc *d);
RIFT_API size_t rift_doc_n_times(const rift_doc *d);
RIFT_API size_t rift_doc_n_events(const rift_doc *d);
RIFT_API const rift_block *rift_doc_block(const rift_doc *d, size_t i);
RIFT_API const rift_token *rift_doc_token(const rift_doc *d, size_t i);
RIFT_API const rift_word *rift_doc_word(const rift_doc *d, size_t i);
RIFT_API const rift_sentence *rift_doc_sentence(const rift_doc *d, size_t i);
RIFT_API const rift_entity *rift_doc_entity(const rift_doc *d, size_t i);
RIFT_API const rift_quote *rift_doc_quote(const rift_doc *d, size_t i);
RIFT_API const rift_time *rift_doc_time(const rift_doc *d, size_t i);
RIFT_API const rift_event *rift_doc_event(const rift_doc *d, size_t i);

RIFT_API const char *rift_block_kind_name(rift_block_kind k);
RIFT_API const char *rift_entity_type_name(rift_entity_type t);
RIFT_API const char *rift_speaker_kind_name(rift_speaker_kind k);
RIFT_API const char *rift_date_origin_name(rift_date_origin o);
/* "asserted", "future", "intended", "threatened", "demanded",
 * "hypothetical", "question"; rift_modality_parse gives -1 for another name */
RIFT_API const char *rift_modality_name(rift_modality m);
RIFT_API int rift_modality_parse(const char *name, size_t n);
/* "clause", "sentence", "article" or "none" */
RIFT_API const char *rift_event_date_origin_name(rift_event_date_origin o);

/* ---- output ------------------------------------------------------------ */

#define RIFT_JSON_TEXT   0x1u /* include the article text */
#define RIFT_JSON_TOKENS 0x2u /* include the tokens */
#define RIFT_JSON_BLOCKS 0x4u /* include the blocks (always on in schema v1) */

/* One JSON object (schema v1) on one line, newline-terminated.  The string
 * is malloc'ed; release it with free().  NULL only when out of memory. */
RIFT_API char *rift_doc_to_json(const rift_doc *d, unsigned flags, size_t *len);
/* One TSV row per sentence: id, index, start, end, text (tabs and newlines
 * in the text escaped as \t and \n).  malloc'ed, like the JSON. */
RIFT_API char *rift_doc_to_tsv(const rift_doc *d, size_t *len);
/* The document as CoNLL-U (docs/schema.md): "# newdoc id", then per
 * sentence "# sent_id", "# text" and one line of ten columns per token, and
 * a blank line.  Without stage "syntax" the six annotation columns are "_".
 * malloc'ed, like the JSON; an empty string when there is no sentence. */
RIFT_API char *rift_doc_to_conllu(const rift_doc *d, size_t *len);

/* ---- dyads: relationships between actors over time --------------------- */

typedef enum rift_period {
    RIFT_PERIOD_MONTH = 0, RIFT_PERIOD_WEEK, RIFT_PERIOD_QUARTER, RIFT_PERIOD_YEAR
} rift_period;

/* One directed pair in one period.  cooperation is the sum of the positive
 * Goldstein weights (>= 0), conflict the sum of the negative ones (<= 0),
 * score their sum.  Negated events, events without both actors and events
 * of a modality not counted (by default: all but asserted) are not
 * counted.  An event dated coarser than the period (a year) keeps its own
 * label ("2022"), which sorts before the finer labels of that year. */
typedef struct rift_dyad_row {
    const char *source_name, *target_name;
    const char *period;        /* "2025-06", "2025-W23", "2025-Q2", "2025" */
    size_t events;
    double cooperation, conflict, score;
    const char *const *triggers; size_t n_triggers; /* up to 8, as written */
} rift_dyad_row;

/* A pair whose period score changes sign between consecutive periods. */
typedef struct rift_dyad_turn {
    const char *source_name, *target_name;
    const char *turn;          /* the first period of the new sign */
    const char *from, *to;     /* "cooperation" or "conflict" */
    size_t events;             /* events of that period */
    const char *const *triggers; size_t n_triggers; /* the events marking it */
} rift_dyad_turn;

typedef struct rift_dyads rift_dyads;

/* Which events count toward the relationships, by modality: a set of bits
 * 1u << rift_modality.  The default counts only what is asserted (done or
 * reported done); negated events never count. */
#define RIFT_MODES_ASSERTED (1u << RIFT_MOD_ASSERTED)
#define RIFT_MODES_ALL ((1u << RIFT_MOD_COUNT) - 1u)
/* A comma-separated list of modality names ("asserted,future") or "all"
 * into such a set: RIFT_OK, or RIFT_EINVAL for an unknown or empty name. */
RIFT_API rift_status rift_modes_parse(const char *list, unsigned *modes);

RIFT_API rift_dyads *rift_dyads_new(rift_period period);
/* The modalities counted from now on (0: RIFT_MODES_ASSERTED, the default)
 * by rift_dyads_add_doc and rift_dyads_add_store. */
RIFT_API void rift_dyads_set_modes(rift_dyads *acc, unsigned modes);
/* Adds the events of one analysed document (names and triggers copied). */
RIFT_API void rift_dyads_add_doc(rift_dyads *acc, const rift_doc *d);
/* Adds one event by its actors' names (copied).  Returns the period label it
 * was counted in (borrowed until rift_dyads_free), or NULL when it was not
 * counted (an actor missing, source == target, no usable date). */
RIFT_API const char *rift_dyads_add_event(rift_dyads *acc, const char *source_name,
                                          const char *target_name, const char *date,
                                          double goldstein, const char *trigger);
/* Rows sorted by source, target, period; turning points in pair order.
 * Borrowed until the next add or rift_dyads_free. */
RIFT_API const rift_dyad_row *rift_dyads_rows(rift_dyads *acc, size_t *n);
RIFT_API const rift_dyad_turn *rift_dyads_turns(rift_dyads *acc, size_t *n);
/* The same one at a time, for the stable ABI: the i-th row or turning
 * point, NULL when i is out of range (rift_dyads_rows gives the count). */
RIFT_API const rift_dyad_row *rift_dyads_row(rift_dyads *acc, size_t i);
RIFT_API const rift_dyad_turn *rift_dyads_turn(rift_dyads *acc, size_t i);
RIFT_API void rift_dyads_free(rift_dyads *acc);

/* ---- store: the corpus in SQLite (schema: docs/schema.md) -------------- */

typedef struct rift_store rift_store;

/* Opens (creating when absent) the store at path.  A store of another schema
 * version is refused with an errmsg saying what to do.  On failure *out may
 * still hold a store whose errmsg says why; close it.  The same as
 * rift_store_open_with(path, NULL, out). */
RIFT_API rift_status rift_store_open(const char *path, rift_store **out);

/* While another process writes to the store (one writer at a time), a call
 * waits for it: the busy function, if set, is called about once a second
 * with the seconds waited so far and returns non-zero to stop waiting; the
 * call then fails with an errmsg saying the store is busy, having written
 * nothing.  Without one the wait ends after RIFT_STORE_BUSY_WAIT seconds. */
#define RIFT_STORE_BUSY_WAIT 600
typedef int (*rift_store_busy_fn)(void *ctx, unsigned waited_s);
typedef struct rift_store_options {
    int read_only;            /* queries only: the store must exist; the file is
                                 opened read-only and never created or changed
                                 (a read-only file or directory is fine) */
    int must_exist;           /* a missing file is an error ("no such store"),
                                 not a new empty store */
    rift_store_busy_fn busy;  /* may be NULL */
    void *busy_ctx;
} rift_store_options;
/* opt may be NULL (read-write, created when absent).  Problems are named in
 * the errmsg: "no such store", "permission denied", "not a rift store". */
RIFT_API rift_status rift_store_open_with(const char *path, const rift_store_options *opt,
                                          rift_store **out);
RIFT_API void rift_store_close(rift_store *st);
RIFT_API const char *rift_store_errmsg(const rift_store *st);
/* Batches: every add_doc between begin and commit lands together or not at
 * all.  add_doc outside a batch is its own transaction.  When commit fails
 * (a full disk), or an add_doc failure made SQLite roll the whole batch back
 * (every later add_doc then fails at once), nothing of the batch is stored:
 * commit returns an error and the batch is over. */
RIFT_API rift_status rift_store_begin(rift_store *st);
RIFT_API rift_status rift_store_commit(rift_store *st);
/* Writes one analysed article and all its layers, or (on failure) nothing
 * of it: inside a batch each article is its own savepoint.  *added (may be
 * NULL) is 1 when the article was new, 0 when one with the same content
 * and metadata was already stored (nothing is written then). */
RIFT_API rift_status rift_store_add_doc(rift_store *st, const rift_doc *d, int *added);

typedef struct rift_story_options {
    double threshold;  /* similarity to join a story, 0 = default */
    int window_days;   /* dated articles farther apart never share a story; 0 = default */
    int recluster;     /* rift_store_update: every article clustered again (story ids
                          renumbered), not only those added since the last update */
    long batch;        /* rift_store_update: new articles clustered at once (bounds
                          memory); 0 = default (1000) */
} rift_story_options;

/* Corpus passes.  link_actors and corroborate work on the articles stored
 * since the passes last ran (docs/schema.md, "The passes are
 * incremental"), read by date then content key, and leave them pending;
 * run again they add nothing.  rift_store_update runs the three in order
 * in one transaction, then marks those articles passed; its stories pass
 * places only those articles (unless opt->recluster): each joins a story
 * of its stored neighbours or starts one, and every earlier story keeps
 * its id and its articles.  rift_store_cluster_stories clusters every
 * article again. */
RIFT_API rift_status rift_store_link_actors(rift_store *st);
RIFT_API rift_status rift_store_cluster_stories(rift_store *st, const rift_story_options *opt);
RIFT_API rift_status rift_store_corroborate(rift_store *st);
RIFT_API rift_status rift_store_update(rift_store *st, const rift_story_options *opt);

typedef struct rift_store_counts {
    long articles, entities, quotes, times, events, actors, stories, claims,
         disagreements;
} rift_store_counts;
RIFT_API rift_status rift_store_count(rift_store *st, rift_store_counts *c);

/* Query rows: strings are borrowed for the duration of the callback; a
 * callback returning non-zero stops the iteration. */
typedef struct rift_story_row {
    long id, n_articles, n_outlets;
    const char *title;                  /* the earliest article's title, or NULL */
    const char *first_date, *last_date; /* NULL when no article is dated */
    const char *outlets;                /* ", "-separated, by first appearance */
} rift_story_row;
typedef int (*rift_story_fn)(const rift_story_row *s, void *ctx);
/* Stories with at least min_articles articles, largest first. */
RIFT_API rift_status rift_store_stories(rift_store *st, long min_articles,
                                        rift_story_fn fn, void *ctx);

typedef struct rift_story_article_row {
    long story, article;
    const char *doc_id, *title, *outlet, *date, *url, *origin; /* NULL if unknown */
} rift_story_article_row;
typedef int (*rift_story_article_fn)(const rift_story_article_row *r, void *ctx);
/* The articles of one story (story < 0: of every story), by story and date. */
RIFT_API rift_status rift_store_story_articles(rift_store *st, long story, rift_story_article_fn fn,
                                               void *ctx);

typedef struct rift_actor_row {
    long id, n_articles, n_mentions;
    const char *name, *type, *code;  /* code NULL unless pinned by a list */
} rift_actor_row;
typedef int (*rift_actor_fn)(const rift_actor_row *a, void *ctx);
/* Actors whose name contains name (case-insensitive; NULL: all), most
 * mentioned first. */
RIFT_API rift_status rift_store_actors(rift_store *st, const char *name,
                                       rift_actor_fn fn, void *ctx);

typedef struct rift_quote_row {
    long article, claim;
    const char *speaker;      /* the speaker's actor name, else as written */
    const char *text;         /* the quoted words */
    const char *outlet, *date, *title, *doc_id;
    long n_articles, n_outlets;          /* articles and outlets carrying it */
    const char *first_outlet, *first_date;
    const char *also;         /* the other outlets carrying it, ", "-separated, or NULL */
} rift_quote_row;
typedef int (*rift_quote_fn)(const rift_quote_row *q, void *ctx);
/* Quotes whose speaker's name contains speaker (case-insensitive; NULL:
 * every attributed quote), by date and article. */
RIFT_API rift_status rift_store_quotes(rift_store *st, const char *speaker,
                                       rift_quote_fn fn, void *ctx);

/* ---- export rows: every stored row of a table, typed (rift export) ------ */

/* One stored event with what an event data set needs beside it.  Strings
 * are borrowed for the callback, NULL when unknown (and, for a store
 * written before rift kept them, for the codes, texts, attribution,
 * confidence and date origin). */
typedef struct rift_event_row {
    long article, idx;          /* articles.id and the event's idx */
    long story;                 /* stories.id, 0 before stories were made */
    const char *doc_id, *url, *outlet, *article_date;
    const char *source, *target;           /* corpus-wide actor names, else as written */
    const char *source_type, *target_type; /* PERSON, ORG, OUTLET, LOC of the actor */
    const char *source_code, *target_code; /* "ISRMIL", "---GOV" */
    const char *source_text, *target_text; /* the words naming each side */
    const char *plover, *mode, *cameo;
    double goldstein;
    int negated;
    const char *date;           /* the event's date, else the article's */
    const char *date_origin;    /* "clause", "sentence", "article", "none" */
    const char *modality;       /* rift_modality_name; "asserted" for old rows */
    const char *attributed_to;  /* whose claim it is: an actor name, else as written */
    const char *attribution, *object_text;
    double confidence;          /* in [0, 1]; -1 when not stored */
    const char *trigger, *sentence; /* sentence: the text of [start, end) */
    long claim;                 /* corroboration.id, 0 when none */
    /* The same coded event in the same story: rows of one story with the
     * same source and target (the actor, else the code, else the words),
     * CAMEO code (else PLOVER type), polarity and modality form a group; mentions
     * counts its rows, articles its distinct articles, sources its
     * distinct outlets (an article without one counts as its own).  group
     * numbers the groups 1.. by their first row (the earliest dated
     * article, then the lowest article id and idx); group_first marks
     * that row. */
    long group, n_mentions, n_sources, n_articles;
    int group_first;
} rift_event_row;
typedef int (*rift_event_row_fn)(const rift_event_row *e, void *ctx);
/* Every stored event by article and idx; fn returning non-zero stops. */
RIFT_API rift_status rift_store_events(rift_store *st, rift_event_row_fn fn, void *ctx);

typedef struct rift_entity_row {
    long article, idx;
    long actor;                 /* actors.id, 0 before actors were linked */
    const char *doc_id, *name, *type, *roles, *code;
    const char *actor_name;     /* the actor's corpus-wide name */
    long n_mentions;
    double confidence;          /* -1 when not stored */
} rift_entity_row;
typedef int (*rift_entity_row_fn)(const rift_entity_row *e, void *ctx);
/* Every stored entity by article and idx. */
RIFT_API rift_status rift_store_entities(rift_store *st, rift_entity_row_fn fn, void *ctx);

typedef struct rift_quote_export_row {
    long article, idx;
    const char *doc_id, *url, *outlet, *date;
    const char *speaker;        /* actor name, else as written; NULL when none */
    const char *speaker_kind;   /* rift_speaker_kind_name */
    const char *speaker_text, *cue, *via_name;
    const char *text;           /* the quoted words, marks included */
    int fragment;
    long claim, n_articles, n_outlets;  /* corroboration; 0 when none */
} rift_quote_export_row;
typedef int (*rift_quote_export_fn)(const rift_quote_export_row *q, void *ctx);
/* Every stored quote (with or without a speaker) by article and idx. */
RIFT_API rift_status rift_store_quote_rows(rift_store *st, rift_quote_export_fn fn, void *ctx);

/* Adds every stored event (not negated, both actors known, of a modality
 * the accumulator counts) to a dyads accumulator, under the actors'
 * corpus-wide names.  Events stored before rift kept modalities count as
 * asserted. */
RIFT_API rift_status rift_dyads_add_store(rift_dyads *acc, rift_store *st);

/* ---- report: the store as one self-contained HTML page ------------------ */

typedef struct rift_report_options {
    const char *title;      /* the page's title; NULL: "rift report" */
    rift_period period;     /* periods of the relationship charts (month) */
    long min_events;        /* relationships shown need this many events; 0 = 3 */
    long max_relations;     /* 0 = 12 */
    long max_stories;       /* 0 = 20 */
    long max_speakers;      /* 0 = 12 */
    long max_actors;        /* 0 = 20 */
    unsigned modes;         /* modalities the relationships count (see
                             * rift_dyads_set_modes); 0 = asserted only */
} rift_report_options;

/* The report of everything stored: corpus counts, stories with their
 * outlets and timelines, relationships charted over time with their turning
 * points and the events behind them, quotes by speaker with corroboration,
 * the most active actors.  One HTML page with inline CSS and SVG, no script
 * and nothing fetched.  *html is malloc'ed (release with free()); on failure
 * it is NULL and rift_store_errmsg says why. */
RIFT_API rift_status rift_report_html(rift_store *st, const rift_report_options *opt, char **html,
                                      size_t *len);

#ifdef __cplusplus
}
#endif
#endif
