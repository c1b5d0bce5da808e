/* doc.c: the stage table, run over one article in order, and the layers
 * handed out.  The only place that knows the stages and their order.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const char *rift_version(void) { return RIFT_VERSION; }

const char *rift_strerror(rift_status st)
{
    switch (st) {
    case RIFT_OK: return "ok";
    case RIFT_DONE: return "no more input";
    case RIFT_SKIP: return "record skipped";
    case RIFT_ENOMEM: return "out of memory";
    case RIFT_EIO: return "input/output error";
    case RIFT_EFORMAT: return "malformed data file";
    case RIFT_EINVAL: return "invalid argument";
    }
    return "unknown status";
}

static const char *dup_meta(rift_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t')) {
        s++;
        n--;
    }
    return n ? rift_arena_strndup(a, s, n) : NULL;
}

void rift_doc_set_date(rift_doc *d, int y, int m, int dd, rift_date_origin origin)
{
    d->meta.date = rift_arena_printf(&d->arena, "%04d-%02d-%02d", y, m, dd);
    d->meta.date_origin = origin;
    d->anchor.y = y;
    d->anchor.m = m;
    d->anchor.d = dd;
    d->anchor.set = true;
}

rift_doc *rift_doc_new(const rift_model *m, const rift_article *a,
                       const rift_analyze_options *opt)
{
    rift_doc *d = rift_xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    rift_arena_init(&d->arena);
    d->model = m;
    if (opt)
        d->opt = *opt;
    d->len = a->text_len;
    d->text = rift_arena_strndup(&d->arena, a->text ? a->text : "", a->text_len);
    d->meta.id = dup_meta(&d->arena, a->id);
    d->meta.url = dup_meta(&d->arena, a->url);
    d->meta.title = dup_meta(&d->arena, a->title);
    d->meta.source = dup_meta(&d->arena, a->source);
    d->meta.author = dup_meta(&d->arena, a->author);
    d->meta.origin = dup_meta(&d->arena, a->origin);
    d->meta.line = a->line;
    if (a->date) {
        int y, mo, dd;
        if (rift_date_parse(a->date, strlen(a->date), &y, &mo, &dd)) {
            rift_doc_set_date(d, y, mo, dd, RIFT_DATE_METADATA);
        } else {
            d->meta.date_note = rift_arena_printf(&d->arena,
                "metadata date not understood: %.40s", a->date);
        }
    }
    return d;
}

/* The article date falls back to --date (options.default_date) once the
 * text has had its chance (the blocks stage reads datelines); it runs
 * whatever the last stage is. */
static void stage_default_date(rift_doc *d)
{
    if (d->meta.date || !d->opt.default_date)
        return;
    int y, mo, dd;
    const char *s = d->opt.default_date;
    if (rift_date_parse(s, strlen(s), &y, &mo, &dd)) {
        rift_doc_set_date(d, y, mo, dd, RIFT_DATE_DEFAULT);
    }
}

/* The stages in the order they run (internal.h says what an entry is). */
static const rift_stage_desc stage_table[] = {
    {"normalize", RIFT_STAGE_NORMALIZE, NULL, rift_stage_normalize, NULL},
    {"blocks", RIFT_STAGE_BLOCKS, NULL, rift_stage_blocks, NULL},
    {"segment", RIFT_STAGE_SEGMENT, NULL, rift_stage_segment, NULL},
    {"default-date", RIFT_STAGE_ALL, NULL, stage_default_date, NULL},
    /* its models are data files the model opens (model.c) */
    {"syntax", RIFT_STAGE_SYNTAX, NULL, rift_stage_syntax, NULL},
    {"mentions", RIFT_STAGE_ENTITIES, rift_mention_init, rift_stage_mentions,
     rift_mention_fini},
    /* the learned name recogniser (data/en/ner.bin, loaded by model.c)
     * decides over the rule mentions */
    {"names", RIFT_STAGE_ENTITIES, NULL, rift_stage_names, NULL},
    {"entities", RIFT_STAGE_ENTITIES, rift_entity_init, rift_stage_entities, NULL},
    {"times", RIFT_STAGE_TIMES, rift_timex_init, rift_stage_times, rift_timex_fini},
    {"quotes", RIFT_STAGE_QUOTES, rift_quote_init, rift_stage_quotes, rift_quote_fini},
    /* I, me, my in a quotation: the quote's speaker */
    {"entities-after-quotes", RIFT_STAGE_QUOTES, NULL, rift_entities_after_quotes, NULL},
    {"events", RIFT_STAGE_EVENTS, rift_event_init, rift_stage_events, rift_event_fini},
    /* unnamed people and groups, after the events: they see none of it */
    {"entities-unnamed", RIFT_STAGE_EVENTS, NULL, rift_entities_unnamed, NULL},
};
#define N_STAGE_TABLE (sizeof stage_table / sizeof *stage_table)

const rift_stage_desc *rift_stages(size_t *n)
{
    *n = N_STAGE_TABLE;
    return stage_table;
}

rift_status rift_stages_init(rift_model *m)
{
    for (size_t i = 0; i < N_STAGE_TABLE; i++) {
        if (!stage_table[i].init)
            continue;
        rift_status st = stage_table[i].init(m);
        if (st != RIFT_OK)
            return st;
    }
    return RIFT_OK;
}

void rift_stages_fini(rift_model *m)
{
    for (size_t i = N_STAGE_TABLE; i-- > 0;)
        if (stage_table[i].fini)
            stage_table[i].fini(m);
}

rift_status rift_doc_analyze(const rift_model *m, const rift_article *a,
                             const rift_analyze_options *opt, rift_doc **out)
{
    *out = NULL;
    if (!m || !a || (!a->text && a->text_len))
        return RIFT_EINVAL;
    if (a->text_len > UINT32_MAX - 1)
        return RIFT_EINVAL;
    if (opt && opt->default_date && rift_date_read(opt->default_date, NULL, NULL, NULL) != RIFT_OK)
        return RIFT_EINVAL;
    rift_doc *d = rift_doc_new(m, a, opt);
    rift_stage last = d->opt.last_stage ? d->opt.last_stage : RIFT_STAGE_EVENTS;
    for (size_t i = 0; i < N_STAGE_TABLE; i++)
        if (stage_table[i].stage <= last &&
            !(d->opt.no_syntax && stage_table[i].stage == RIFT_STAGE_SYNTAX))
            stage_table[i].run(d);
    *out = d;
    return RIFT_OK;
}

void rift_doc_free(rift_doc *d)
{
    if (!d)
        return;
    rift_arena_release(&d->arena);
    free(d);
}

const char *rift_doc_text(const rift_doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}

const rift_meta *rift_doc_meta(const rift_doc *d) { return &d->meta; }

/* Each layer three ways: the whole array (its element size part of the
 * ABI), and for the stable ABI its count and its i-th element (NULL when
 * i is out of range). */
#define ACCESSOR(name, one, field, count, type)                             \
    const type *rift_doc_##name(const rift_doc *d, size_t *n)               \
    {                                                                       \
        *n = d->count;                                                      \
        return d->field;                                                    \
    }                                                                       \
    size_t rift_doc_n_##name(const rift_doc *d) { return d ? d->count : 0; } \
    const type *rift_doc_##one(const rift_doc *d, size_t i)                 \
    {                                                                       \
        return d && i < d->count ? &d->field[i] : NULL;                     \
    }
ACCESSOR(blocks, block, blocks, n_blocks, rift_block)
ACCESSOR(tokens, token, tokens, n_tokens, rift_token)
ACCESSOR(sentences, sentence, sents, n_sents, rift_sentence)
ACCESSOR(entities, entity, entities, n_entities, rift_entity)
ACCESSOR(quotes, quote, quotes, n_quotes, rift_quote)
ACCESSOR(times, time, times, n_times, rift_time)
ACCESSOR(events, event, events, n_events, rift_event)
ACCESSOR(words, word, words, n_words, rift_word)

int rift_stage_from_name(const char *name)
{
    static const char *const names[] = {"all", "normalize", "blocks", "segment", "syntax",
                                        "entities", "times", "quotes", "events"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

const char *rift_block_kind_name(rift_block_kind k)
{
    static const char *const names[] = {"text", "title", "heading", "dateline",
                                        "byline", "source", "boilerplate"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

const char *rift_entity_type_name(rift_entity_type t)
{
    static const char *const names[] = {"PERSON", "ORG", "OUTLET", "LOC"};
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

const char *rift_speaker_kind_name(rift_speaker_kind k)
{
    static const char *const names[] = {"unknown", "person", "organization",
                                        "anonymous"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

const char *rift_date_origin_name(rift_date_origin o)
{
    static const char *const names[] = {"none", "metadata", "text", "default"};
    return (unsigned)o < sizeof names / sizeof *names ? names[o] : "?";
}

static const char *const MODALITY_NAMES[RIFT_MOD_COUNT] = {
    "asserted", "future", "intended", "threatened", "demanded", "hypothetical", "question"};

const char *rift_modality_name(rift_modality m)
{
    return (unsigned)m < RIFT_MOD_COUNT ? MODALITY_NAMES[m] : "?";
}

int rift_modality_parse(const char *name, size_t n)
{
    for (int k = 0; k < RIFT_MOD_COUNT; k++)
        if (strlen(MODALITY_NAMES[k]) == n && !memcmp(MODALITY_NAMES[k], name, n))
            return k;
    return -1;
}

const char *rift_event_date_origin_name(rift_event_date_origin o)
{
    static const char *const names[] = {"none", "clause", "sentence", "article"};
    return (unsigned)o < sizeof names / sizeof *names ? names[o] : "?";
}
