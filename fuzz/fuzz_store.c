/* fuzz_store.c: libFuzzer target for the store's input: articles with any
 * metadata and text go into a store, through the corpus passes (actors,
 * stories, corroboration) and back out through every query; the counts
 * must match what was added, and no query may fail.
 */
#include "store_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink; /* strings read to their end */

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

static int story(const rift_story_row *s, void *ctx)
{
    sink += touch(s->title) + touch(s->first_date) + touch(s->last_date) + touch(s->outlets);
    ++*(long *)ctx;
    return 0;
}

static int story_article(const rift_story_article_row *r, void *ctx)
{
    sink += touch(r->doc_id) + touch(r->title) + touch(r->outlet) + touch(r->date) +
            touch(r->url) + touch(r->origin);
    ++*(long *)ctx;
    return 0;
}

static int quote(const rift_quote_row *q, void *ctx)
{
    sink += touch(q->speaker) + touch(q->text) + touch(q->outlet) + touch(q->date) +
            touch(q->title) + touch(q->doc_id) + touch(q->first_outlet) +
            touch(q->first_date) + touch(q->also);
    return 0;
}

static int actor(const rift_actor_row *a, void *ctx)
{
    sink += touch(a->name) + touch(a->type) + touch(a->code);
    return 0;
}

/* the export rows (rift export): one per stored row */
static int event_row(const rift_event_row *e, void *ctx)
{
    sink += touch(e->source) + touch(e->target) + touch(e->sentence) + touch(e->trigger) +
            touch(e->source_code) + touch(e->attributed_to) + touch(e->modality);
    if (e->n_mentions < 1 || e->n_articles > e->n_mentions || e->n_sources > e->n_articles)
        abort();
    ++*(long *)ctx;
    return 0;
}

static int entity_row(const rift_entity_row *e, void *ctx)
{
    sink += touch(e->name) + touch(e->roles) + touch(e->actor_name);
    ++*(long *)ctx;
    return 0;
}

static int quote_row(const rift_quote_export_row *q, void *ctx)
{
    sink += touch(q->text) + touch(q->speaker) + touch(q->cue) + touch(q->outlet);
    ++*(long *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long added = 0;
    rift_store *st = fuzz_store_input(data, size, &added);
    rift_store_counts c;
    long stories = 0, in_stories = 0;
    if (rift_store_count(st, &c) != RIFT_OK || c.articles != added)
        abort();
    if (rift_store_stories(st, 1, story, &stories) != RIFT_OK ||
        rift_store_story_articles(st, -1, story_article, &in_stories) != RIFT_OK ||
        rift_store_quotes(st, NULL, quote, NULL) != RIFT_OK ||
        rift_store_actors(st, NULL, actor, NULL) != RIFT_OK)
        abort();
    /* the listings agree with the counts: an article is in one story at most */
    if (stories != c.stories || in_stories > c.articles)
        abort();
    long n_ev = 0, n_en = 0, n_qu = 0;
    if (rift_store_events(st, event_row, &n_ev) != RIFT_OK ||
        rift_store_entities(st, entity_row, &n_en) != RIFT_OK ||
        rift_store_quote_rows(st, quote_row, &n_qu) != RIFT_OK || n_ev != c.events ||
        n_en != c.entities || n_qu != c.quotes)
        abort();
    rift_dyads *acc = rift_dyads_new(RIFT_PERIOD_MONTH);
    if (rift_dyads_add_store(acc, st) != RIFT_OK)
        abort();
    rift_dyads_free(acc);
    rift_store_close(st);
    return 0;
}
