/* json.c: writes one analysed document as one line of JSON (schema v1,
 * docs/schema.md), as TSV rows and as CoNLL-U.  Reads the layers; never
 * changes them.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* Decimal digits of v at the end of tmp[20]; returns where they start.  The
 * writers call this instead of printf: numbers are most of the output. */
static char *udec(char *end, uint64_t v)
{
    char *p = end;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

static void put_u(rift_buf *b, uint64_t v)
{
    char tmp[24];
    char *p = udec(tmp + sizeof tmp, v);
    rift_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_i(rift_buf *b, long long v)
{
    if (v < 0) {
        rift_buf_putc(b, '-');
        put_u(b, 0 - (uint64_t)v);
    } else {
        put_u(b, (uint64_t)v);
    }
}

/* ",[start,end]" (or without the comma) straight into the buffer. */
static void put_pair(rift_buf *b, bool comma, uint32_t x, uint32_t y)
{
    rift_buf_reserve(b, 26);
    char *o = b->data + b->len;
    if (comma)
        *o++ = ',';
    *o++ = '[';
    char tmp[12];
    char *p = udec(tmp + sizeof tmp, x);
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(o, p, n);
    o += n;
    *o++ = ',';
    p = udec(tmp + sizeof tmp, y);
    n = (size_t)(tmp + sizeof tmp - p);
    memcpy(o, p, n);
    o += n;
    *o++ = ']';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

/* {"start":S,"end":E  (the object stays open), comma-led unless first */
static void start_end(rift_buf *b, bool comma, uint32_t x, uint32_t y)
{
    rift_buf_puts(b, comma ? ",{\"start\":" : "{\"start\":");
    put_u(b, x);
    rift_buf_put(b, ",\"end\":", 7);
    put_u(b, y);
}

static void key(rift_buf *b, const char *k, bool *first)
{
    if (!*first)
        rift_buf_putc(b, ',');
    *first = false;
    rift_buf_putc(b, '"');
    rift_buf_puts(b, k);
    rift_buf_put(b, "\":", 2);
}

static void str_or_null(rift_buf *b, const char *s)
{
    if (s)
        rift_json_str(b, s, strlen(s));
    else
        rift_buf_put(b, "null", 4);
}

static void span_text(rift_buf *b, const rift_doc *d, uint32_t s, uint32_t e);

/* The text of a span, or null for an empty one. */
static void span_or_null(rift_buf *b, const rift_doc *d, rift_span s)
{
    if (s.end > s.start)
        span_text(b, d, s.start, s.end);
    else
        rift_buf_put(b, "null", 4);
}

static void span_text(rift_buf *b, const rift_doc *d, uint32_t s, uint32_t e)
{
    if (e > d->len || s > e)
        rift_buf_put(b, "null", 4);
    else
        rift_json_str(b, d->text + s, e - s);
}

static void entity_ref(rift_buf *b, const rift_doc *d, int32_t i)
{
    if (i >= 0 && (size_t)i < d->n_entities)
        put_i(b, i);
    else
        rift_buf_put(b, "null", 4);
}

static void entity_name(rift_buf *b, const rift_doc *d, int32_t i)
{
    if (i >= 0 && (size_t)i < d->n_entities)
        str_or_null(b, d->entities[i].name);
    else
        rift_buf_put(b, "null", 4);
}

static void spans(rift_buf *b, const void *base, size_t n, size_t stride)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        const uint32_t *p = (const uint32_t *)((const char *)base + i * stride);
        put_pair(b, i != 0, p[0], p[1]);
    }
    rift_buf_putc(b, ']');
}

static void write_entities(rift_buf *b, const rift_doc *d)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_entities; i++) {
        const rift_entity *e = &d->entities[i];
        rift_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
        put_u(b, i);
        rift_buf_puts(b, ",\"name\":");
        str_or_null(b, e->name);
        rift_buf_puts(b, ",\"type\":");
        str_or_null(b, rift_entity_type_name(e->type));
        if (e->confidence > 0) { /* the name model ran */
            char num[32];
            snprintf(num, sizeof num, ",\"confidence\":%.3f", e->confidence);
            rift_buf_puts(b, num);
        }
        rift_buf_puts(b, ",\"mentions\":");
        spans(b, e->mentions, e->n_mentions, sizeof *e->mentions);
        rift_buf_puts(b, ",\"roles\":[");
        for (size_t r = 0; r < e->n_roles; r++) {
            if (r)
                rift_buf_putc(b, ',');
            str_or_null(b, e->roles[r]);
        }
        rift_buf_putc(b, ']');
        if (e->code) {
            rift_buf_puts(b, ",\"code\":");
            str_or_null(b, e->code);
        }
        if (e->unnamed)
            rift_buf_puts(b, ",\"named\":false");
        rift_buf_putc(b, '}');
    }
    rift_buf_putc(b, ']');
}

static void write_quotes(rift_buf *b, const rift_doc *d)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_quotes; i++) {
        const rift_quote *q = &d->quotes[i];
        start_end(b, i != 0, q->start, q->end);
        rift_buf_puts(b, ",\"text\":");
        span_text(b, d, q->start, q->end);
        rift_buf_puts(b, ",\"speaker\":");
        entity_ref(b, d, q->speaker);
        rift_buf_puts(b, ",\"speaker_name\":");
        entity_name(b, d, q->speaker);
        rift_buf_puts(b, ",\"speaker_kind\":");
        str_or_null(b, rift_speaker_kind_name(q->speaker_kind));
        rift_buf_puts(b, ",\"speaker_text\":");
        if (q->speaker_text.end > q->speaker_text.start)
            span_text(b, d, q->speaker_text.start, q->speaker_text.end);
        else
            rift_buf_puts(b, "null");
        rift_buf_puts(b, ",\"cue\":");
        if (q->cue.end > q->cue.start)
            span_text(b, d, q->cue.start, q->cue.end);
        else
            rift_buf_puts(b, "null");
        rift_buf_puts(b, ",\"via\":");
        if (q->via >= 0)
            entity_name(b, d, q->via);
        else
            str_or_null(b, q->via_name);
        rift_buf_puts(b, q->fragment ? ",\"fragment\":true}" : ",\"fragment\":false}");
    }
    rift_buf_putc(b, ']');
}

static void write_times(rift_buf *b, const rift_doc *d)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_times; i++) {
        const rift_time *t = &d->times[i];
        start_end(b, i != 0, t->start, t->end);
        rift_buf_puts(b, ",\"text\":");
        span_text(b, d, t->start, t->end);
        rift_buf_puts(b, ",\"value\":");
        str_or_null(b, t->value);
        rift_buf_puts(b, ",\"granularity\":");
        str_or_null(b, t->granularity);
        rift_buf_puts(b, ",\"mod\":");
        str_or_null(b, t->mod);
        rift_buf_putc(b, '}');
    }
    rift_buf_putc(b, ']');
}

static void write_events(rift_buf *b, const rift_doc *d)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_events; i++) {
        const rift_event *e = &d->events[i];
        rift_buf_puts(b, i ? ",{\"source\":" : "{\"source\":");
        entity_ref(b, d, e->source);
        rift_buf_puts(b, ",\"source_name\":");
        entity_name(b, d, e->source);
        rift_buf_puts(b, ",\"target\":");
        entity_ref(b, d, e->target);
        rift_buf_puts(b, ",\"target_name\":");
        entity_name(b, d, e->target);
        rift_buf_puts(b, ",\"plover\":");
        str_or_null(b, e->plover);
        rift_buf_puts(b, ",\"mode\":");
        str_or_null(b, e->mode);
        rift_buf_puts(b, ",\"cameo\":");
        str_or_null(b, e->cameo);
        rift_buf_printf(b, ",\"goldstein\":%.1f,\"negated\":%s,\"date\":",
                        e->goldstein, e->negated ? "true" : "false");
        str_or_null(b, e->date);
        rift_buf_puts(b, e->date_from_article ? ",\"date_from_article\":true,\"trigger\":"
                                              : ",\"date_from_article\":false,\"trigger\":");
        span_text(b, d, e->trigger.start, e->trigger.end);
        rift_buf_puts(b, ",\"start\":");
        put_u(b, e->start);
        rift_buf_puts(b, ",\"end\":");
        put_u(b, e->end);
        rift_buf_puts(b, ",\"source_code\":");
        str_or_null(b, e->source_code);
        rift_buf_puts(b, ",\"target_code\":");
        str_or_null(b, e->target_code);
        rift_buf_puts(b, ",\"source_text\":");
        span_or_null(b, d, e->source_text);
        rift_buf_puts(b, ",\"target_text\":");
        span_or_null(b, d, e->target_text);
        rift_buf_puts(b, ",\"modality\":\"");
        rift_buf_puts(b, rift_modality_name(e->modality));
        rift_buf_puts(b, "\",\"attributed_to\":");
        entity_ref(b, d, e->attributed_to);
        rift_buf_puts(b, ",\"attribution\":");
        span_or_null(b, d, e->attribution);
        rift_buf_puts(b, ",\"object_text\":");
        span_or_null(b, d, e->object_text);
        rift_buf_printf(b, ",\"confidence\":%.2f,\"date_origin\":\"%s\"", e->confidence,
                        rift_event_date_origin_name(e->date_origin));
        rift_buf_putc(b, '}');
    }
    rift_buf_putc(b, ']');
}

/* The syntax of each token, parallel to "tokens" (stage "syntax"). */
static void write_words(rift_buf *b, const rift_doc *d)
{
    rift_buf_putc(b, '[');
    for (size_t i = 0; i < d->n_words; i++) {
        const rift_word *w = &d->words[i];
        rift_buf_puts(b, i ? ",{\"upos\":\"" : "{\"upos\":\"");
        rift_buf_puts(b, rift_upos_name(w->upos));
        rift_buf_puts(b, "\",\"xpos\":");
        str_or_null(b, w->xpos);
        rift_buf_puts(b, ",\"lemma\":");
        str_or_null(b, w->lemma);
        rift_buf_puts(b, ",\"feats\":");
        str_or_null(b, w->feats);
        rift_buf_puts(b, ",\"head\":");
        put_i(b, w->head);
        rift_buf_puts(b, ",\"deprel\":");
        str_or_null(b, w->deprel);
        rift_buf_putc(b, '}');
    }
    rift_buf_putc(b, ']');
}

char *rift_doc_to_json(const rift_doc *d, unsigned flags, size_t *len)
{
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_reserve(&b, 1024 + d->len / 2);
    bool first = true;
    const rift_meta *m = &d->meta;
    rift_buf_putc(&b, '{');
    key(&b, "id", &first);
    str_or_null(&b, m->id);
    key(&b, "url", &first);
    str_or_null(&b, m->url);
    key(&b, "title", &first);
    str_or_null(&b, m->title);
    key(&b, "source", &first);
    str_or_null(&b, m->source);
    key(&b, "author", &first);
    str_or_null(&b, m->author);
    key(&b, "date", &first);
    str_or_null(&b, m->date);
    key(&b, "date_origin", &first);
    str_or_null(&b, rift_date_origin_name(m->date_origin));
    key(&b, "date_note", &first);
    str_or_null(&b, m->date_note);
    key(&b, "origin", &first);
    str_or_null(&b, m->origin);
    key(&b, "line", &first);
    put_i(&b, m->line);
    key(&b, "length", &first);
    put_u(&b, d->len);
    if (flags & RIFT_JSON_TEXT) {
        key(&b, "text", &first);
        rift_json_str(&b, d->text, d->len);
    }
    key(&b, "boilerplate", &first);
    rift_buf_putc(&b, '[');
    size_t nb = 0;
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rift_block *bl = &d->blocks[i];
        if (bl->kind == RIFT_BLOCK_BOILERPLATE)
            put_pair(&b, nb++ != 0, bl->start, bl->end);
    }
    rift_buf_putc(&b, ']');
    key(&b, "blocks", &first);
    rift_buf_putc(&b, '[');
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rift_block *bl = &d->blocks[i];
        rift_buf_puts(&b, i ? ",{\"start\":" : "{\"start\":");
        put_u(&b, bl->start);
        rift_buf_put(&b, ",\"end\":", 7);
        put_u(&b, bl->end);
        rift_buf_put(&b, ",\"kind\":\"", 9);
        rift_buf_puts(&b, rift_block_kind_name(bl->kind));
        rift_buf_put(&b, "\"}", 2);
    }
    rift_buf_putc(&b, ']');
    key(&b, "sentences", &first);
    spans(&b, d->sents, d->n_sents, sizeof *d->sents);
    if (flags & RIFT_JSON_TOKENS) {
        key(&b, "tokens", &first);
        spans(&b, d->tokens, d->n_tokens, sizeof *d->tokens);
        if (d->words) {
            key(&b, "words", &first);
            write_words(&b, d);
        }
    }
    key(&b, "entities", &first);
    write_entities(&b, d);
    key(&b, "quotes", &first);
    write_quotes(&b, d);
    key(&b, "times", &first);
    write_times(&b, d);
    key(&b, "events", &first);
    write_events(&b, d);
    rift_buf_put(&b, "}\n", 2);
    return rift_buf_detach(&b, len);
}

/* s[0..n) as one TSV field: a tab, line break or backslash as \t \n \r
 * \\, any other control character (C0, DEL, C1) as \xHH or \u00HH, so
 * that a field never splits a row and never reaches a terminal as an
 * escape sequence. */
static void tsv_field(rift_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* bytes copied as they are, in one go */
    for (size_t k = 0; k < n; k++) {
        bool c1 = u[k] == 0xC2 && k + 1 < n && u[k + 1] >= 0x80 && u[k + 1] <= 0x9F;
        if (u[k] >= 0x20 && u[k] != 0x7F && u[k] != '\\' && !c1)
            continue;
        rift_buf_put(b, s + run, k - run);
        char esc[8];
        if (c1)
            snprintf(esc, sizeof esc, "\\u%04x", u[++k]);
        else if (u[k] == '\t' || u[k] == '\n' || u[k] == '\r' || u[k] == '\\')
            snprintf(esc, sizeof esc, "\\%c", u[k] == '\t' ? 't' : u[k] == '\n' ? 'n'
                                            : u[k] == '\r' ? 'r' : '\\');
        else
            snprintf(esc, sizeof esc, "\\x%02x", u[k]);
        rift_buf_puts(b, esc);
        run = k + 1;
    }
    rift_buf_put(b, s + run, n - run);
}

char *rift_doc_to_tsv(const rift_doc *d, size_t *len)
{
    rift_buf b;
    rift_buf_init(&b);
    const char *id = d->meta.id ? d->meta.id : (d->meta.origin ? d->meta.origin : "-");
    for (size_t i = 0; i < d->n_sents; i++) {
        const rift_sentence *s = &d->sents[i];
        tsv_field(&b, id, strlen(id));
        rift_buf_putc(&b, '\t');
        put_u(&b, i);
        rift_buf_putc(&b, '\t');
        put_u(&b, s->start);
        rift_buf_putc(&b, '\t');
        put_u(&b, s->end);
        rift_buf_putc(&b, '\t');
        tsv_field(&b, d->text + s->start, s->end - s->start);
        rift_buf_putc(&b, '\n');
    }
    return rift_buf_detach(&b, len);
}

/* ---- CoNLL-U ------------------------------------------------------------ */

/* s[0..n) as one CoNLL-U field or comment value: invalid UTF-8 bytes as
 * U+FFFD; white space and control characters (tab, newline, ...) as '_', so
 * a field never splits a line or a column; "_" when empty. */
static void conllu_field(rift_buf *b, const char *s, size_t n)
{
    if (!s || n == 0) {
        rift_buf_putc(b, '_');
        return;
    }
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int cl;
            int32_t cp = rift_utf8_decode(s, n, i, &cl);
            if (cp == 0xFFFD && cl == 1) { /* an invalid byte */
                rift_buf_put(b, s + run, i - run);
                rift_buf_put(b, "\xEF\xBF\xBD", 3);
                run = i + 1;
            }
            i += (size_t)cl;
            continue;
        }
        if (c <= 0x20 || c == 0x7F) {
            rift_buf_put(b, s + run, i - run);
            rift_buf_putc(b, '_');
            run = i + 1;
        }
        i++;
    }
    rift_buf_put(b, s + run, n - run);
}

static void conllu_str(rift_buf *b, const char *s)
{
    conllu_field(b, s, s ? strlen(s) : 0);
}

char *rift_doc_to_conllu(const rift_doc *d, size_t *len)
{
    rift_buf b;
    rift_buf_init(&b);
    /* the id: the article's, else its file (and line, for a JSON Lines
     * record past the first line, so ids stay unique in one file) */
    const char *id = d->meta.id ? d->meta.id : (d->meta.origin ? d->meta.origin : "-");
    char idbuf[512];
    if (!d->meta.id && d->meta.line > 1) {
        snprintf(idbuf, sizeof idbuf, "%.480s:%ld", id, d->meta.line);
        id = idbuf;
    }
    bool any = false;
    size_t k = 0; /* sentences written */
    for (size_t si = 0; si < d->n_sents; si++) {
        const rift_sentence *s = &d->sents[si];
        size_t tb = s->tok_begin, te = s->tok_end < d->n_tokens ? s->tok_end : d->n_tokens;
        if (tb >= te)
            continue;
        if (!any) {
            rift_buf_puts(&b, "# newdoc id = ");
            conllu_str(&b, id);
            rift_buf_putc(&b, '\n');
            any = true;
        }
        rift_buf_puts(&b, "# sent_id = ");
        conllu_str(&b, id);
        rift_buf_putc(&b, '-');
        put_u(&b, ++k);
        /* the text as the forms and SpaceAfter give it back */
        rift_buf_puts(&b, "\n# text = ");
        for (size_t t = tb; t < te; t++) {
            const rift_token *tk = &d->tokens[t];
            if (t > tb && tk->start > d->tokens[t - 1].end)
                rift_buf_putc(&b, ' ');
            conllu_field(&b, d->text + tk->start, tk->end - tk->start);
        }
        rift_buf_putc(&b, '\n');
        for (size_t t = tb; t < te; t++) {
            const rift_token *tk = &d->tokens[t];
            const rift_word *w = d->words && t < d->n_words ? &d->words[t] : NULL;
            put_u(&b, t - tb + 1);
            rift_buf_putc(&b, '\t');
            conllu_field(&b, d->text + tk->start, tk->end - tk->start);
            rift_buf_putc(&b, '\t');
            if (w) {
                conllu_str(&b, w->lemma);
                rift_buf_putc(&b, '\t');
                rift_buf_puts(&b, w->upos ? rift_upos_name(w->upos) : "_");
                rift_buf_putc(&b, '\t');
                conllu_str(&b, w->xpos);
                rift_buf_putc(&b, '\t');
                conllu_str(&b, w->feats);
                rift_buf_putc(&b, '\t');
                bool inside = w->head >= (int32_t)tb && w->head < (int32_t)te &&
                              (size_t)w->head != t;
                put_u(&b, inside ? (size_t)w->head - tb + 1 : 0);
                rift_buf_putc(&b, '\t');
                conllu_str(&b, inside ? w->deprel : "root");
            } else {
                rift_buf_puts(&b, "_\t_\t_\t_\t_\t_");
            }
            bool glued = t + 1 < d->n_tokens && d->tokens[t + 1].start == tk->end;
            rift_buf_puts(&b, glued ? "\t_\tSpaceAfter=No\n" : "\t_\t_\n");
        }
        rift_buf_putc(&b, '\n');
    }
    return rift_buf_detach(&b, len);
}
