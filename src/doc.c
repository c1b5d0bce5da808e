/* doc.c: runs the stages over one article in order and hands out the
 * layers.  The only place that knows the order of the stages.
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
            d->meta.date = rift_arena_printf(&d->arena, "%04d-%02d-%02d", y, mo, dd);
            d->meta.date_origin = RIFT_DATE_METADATA;
        } else {
            d->meta.date_note = rift_arena_printf(&d->arena,
                "metadata date not understood: %.40s", a->date);
        }
    }
    return d;
}

rift_status rift_doc_analyze(const rift_model *m, const rift_article *a,
                             const rift_analyze_options *opt, rift_doc **out)
{
    *out = NULL;
    if (!m || !a || (!a->text && a->text_len))
        return RIFT_EINVAL;
    if (a->text_len > UINT32_MAX - 1)
        return RIFT_EINVAL;
    rift_doc *d = rift_doc_new(m, a, opt);

    rift_stage last = d->opt.last_stage ? d->opt.last_stage : RIFT_STAGE_EVENTS;
    rift_stage_normalize(d);
    if (last >= RIFT_STAGE_BLOCKS)
        rift_stage_blocks(d);
    if (last >= RIFT_STAGE_SEGMENT)
        rift_stage_segment(d);
    if (!d->meta.date && d->opt.default_date) {
        int y, mo, dd;
        const char *s = d->opt.default_date;
        if (rift_date_parse(s, strlen(s), &y, &mo, &dd)) {
            d->meta.date = rift_arena_printf(&d->arena, "%04d-%02d-%02d", y, mo, dd);
            d->meta.date_origin = RIFT_DATE_DEFAULT;
        }
    }
    if (last >= RIFT_STAGE_ENTITIES) {
        rift_stage_mentions(d);
        rift_stage_entities(d);
    }
    if (last >= RIFT_STAGE_TIMES)
        rift_stage_times(d);
    if (last >= RIFT_STAGE_QUOTES) {
        rift_stage_quotes(d);
        rift_entities_after_quotes(d); /* I, me, my: the quote's speaker */
    }
    if (last >= RIFT_STAGE_EVENTS) {
        rift_stage_events(d);
        rift_entities_unnamed(d); /* after the events: they see none of it */
    }

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

#define ACCESSOR(name, field, count, type)                                  \
    const type *rift_doc_##name(const rift_doc *d, size_t *n)               \
    {                                                                       \
        *n = d->count;                                                      \
        return d->field;                                                    \
    }
ACCESSOR(blocks, blocks, n_blocks, rift_block)
ACCESSOR(tokens, tokens, n_tokens, rift_token)
ACCESSOR(sentences, sents, n_sents, rift_sentence)
ACCESSOR(entities, entities, n_entities, rift_entity)
ACCESSOR(quotes, quotes, n_quotes, rift_quote)
ACCESSOR(times, times, n_times, rift_time)
ACCESSOR(events, events, n_events, rift_event)

int rift_stage_from_name(const char *name)
{
    static const char *const names[] = {"all", "normalize", "blocks", "segment",
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
