/* casetest.c: runs the data-driven case files in tests/cases/: an article
 * fragment, then the expected extraction per layer in a readable form.
 * Uses only the public rift.h; the format is described in tests/README.md.
 */
#include "rift.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

static void push(lines *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
    }
    char *p = malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    l->v[l->n++] = p;
}

static void clear(lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

/* A growable string for rendering one line. */
typedef struct str {
    char *s;
    size_t n, cap;
} str;

static void put(str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(str *b, const char *s) { put(b, s, strlen(s)); }

/* Text of a span with newlines and tabs shown as spaces. */
static void put_span(str *b, const char *text, uint32_t s, uint32_t e)
{
    for (uint32_t i = s; i < e; i++) {
        char c = text[i];
        put(b, (c == '\n' || c == '\t' || c == '\r') ? " " : &text[i], 1);
    }
}

static void emit(lines *out, str *b)
{
    push(out, b->s ? b->s : "", b->n);
    b->n = 0;
    if (b->s)
        b->s[0] = '\0';
}

static const char *ent_name(const rift_entity *e, size_t n, int32_t i)
{
    return i >= 0 && (size_t)i < n ? e[i].name : NULL;
}

static void render(const rift_doc *d, const char *section, lines *out)
{
    size_t len, n;
    const char *text = rift_doc_text(d, &len);
    str b = {0};
    if (!strcmp(section, "sentences")) {
        const rift_sentence *s = rift_doc_sentences(d, &n);
        for (size_t i = 0; i < n; i++) {
            put_span(&b, text, s[i].start, s[i].end);
            emit(out, &b);
        }
    } else if (!strcmp(section, "tokens")) {
        size_t nt;
        const rift_sentence *s = rift_doc_sentences(d, &n);
        const rift_token *t = rift_doc_tokens(d, &nt);
        for (size_t i = 0; i < n; i++) {
            for (uint32_t k = s[i].tok_begin; k < s[i].tok_end && k < nt; k++) {
                if (k > s[i].tok_begin)
                    puts_(&b, " | ");
                put_span(&b, text, t[k].start, t[k].end);
            }
            emit(out, &b);
        }
    } else if (!strcmp(section, "blocks")) {
        const rift_block *bl = rift_doc_blocks(d, &n);
        for (size_t i = 0; i < n; i++) {
            puts_(&b, rift_block_kind_name(bl[i].kind));
            puts_(&b, ": ");
            put_span(&b, text, bl[i].start, bl[i].end);
            emit(out, &b);
        }
    } else if (!strcmp(section, "meta")) {
        const rift_meta *m = rift_doc_meta(d);
        const char *k[] = {"title", "date", "date_origin", "author", "source", "url"};
        const char *v[] = {m->title, m->date, rift_date_origin_name(m->date_origin),
                           m->author, m->source, m->url};
        for (size_t i = 0; i < 6; i++) {
            if (!v[i])
                continue;
            puts_(&b, k[i]);
            puts_(&b, ": ");
            puts_(&b, v[i]);
            emit(out, &b);
        }
    } else if (!strcmp(section, "entities") || !strcmp(section, "mentions")) {
        const rift_entity *e = rift_doc_entities(d, &n);
        bool ments = !strcmp(section, "mentions");
        for (size_t i = 0; i < n; i++) {
            if (ments) {
                puts_(&b, e[i].name);
                puts_(&b, ":");
                for (size_t k = 0; k < e[i].n_mentions; k++) {
                    puts_(&b, k ? " | " : " ");
                    put_span(&b, text, e[i].mentions[k].start, e[i].mentions[k].end);
                }
            } else {
                puts_(&b, rift_entity_type_name(e[i].type));
                puts_(&b, " ");
                puts_(&b, e[i].name);
                if (e[i].n_roles) {
                    puts_(&b, " [");
                    for (size_t r = 0; r < e[i].n_roles; r++) {
                        if (r)
                            puts_(&b, ", ");
                        puts_(&b, e[i].roles[r]);
                    }
                    puts_(&b, "]");
                }
            }
            emit(out, &b);
        }
    } else if (!strcmp(section, "quotes")) {
        size_t ne;
        const rift_entity *e = rift_doc_entities(d, &ne);
        const rift_quote *q = rift_doc_quotes(d, &n);
        for (size_t i = 0; i < n; i++) {
            puts_(&b, rift_speaker_kind_name(q[i].speaker_kind));
            puts_(&b, " ");
            const char *sp = ent_name(e, ne, q[i].speaker);
            if (sp) {
                puts_(&b, sp);
            } else if (q[i].speaker_text.end > q[i].speaker_text.start) {
                puts_(&b, "[");
                put_span(&b, text, q[i].speaker_text.start, q[i].speaker_text.end);
                puts_(&b, "]");
            } else {
                puts_(&b, "-");
            }
            const char *via = ent_name(e, ne, q[i].via);
            if (!via)
                via = q[i].via_name;
            if (via) {
                puts_(&b, " via ");
                puts_(&b, via);
            }
            if (q[i].fragment)
                puts_(&b, " (fragment)");
            puts_(&b, ": ");
            put_span(&b, text, q[i].start, q[i].end);
            emit(out, &b);
        }
    } else if (!strcmp(section, "times")) {
        const rift_time *t = rift_doc_times(d, &n);
        for (size_t i = 0; i < n; i++) {
            put_span(&b, text, t[i].start, t[i].end);
            puts_(&b, " = ");
            puts_(&b, t[i].value ? t[i].value : "null");
            if (t[i].granularity) {
                puts_(&b, " ");
                puts_(&b, t[i].granularity);
            }
            if (t[i].mod) {
                puts_(&b, " ");
                puts_(&b, t[i].mod);
            }
            emit(out, &b);
        }
    } else if (!strcmp(section, "events")) {
        size_t ne;
        const rift_entity *e = rift_doc_entities(d, &ne);
        const rift_event *ev = rift_doc_events(d, &n);
        for (size_t i = 0; i < n; i++) {
            const char *s = ent_name(e, ne, ev[i].source);
            const char *t = ent_name(e, ne, ev[i].target);
            /* an actor without an entity shows its code: [ISRMIL] */
            if (!s && ev[i].source_code)
                puts_(&b, "["), puts_(&b, ev[i].source_code), puts_(&b, "]");
            else
                puts_(&b, s ? s : "-");
            puts_(&b, " -> ");
            if (!t && ev[i].target_code)
                puts_(&b, "["), puts_(&b, ev[i].target_code), puts_(&b, "]");
            else
                puts_(&b, t ? t : "-");
            puts_(&b, ": ");
            puts_(&b, ev[i].plover ? ev[i].plover : "?");
            puts_(&b, " ");
            puts_(&b, ev[i].cameo ? ev[i].cameo : "?");
            if (ev[i].negated)
                puts_(&b, " negated");
            if (ev[i].modality != RIFT_MOD_ASSERTED) {
                puts_(&b, " ");
                puts_(&b, rift_modality_name(ev[i].modality));
            }
            if (ev[i].date) {
                puts_(&b, " @");
                puts_(&b, ev[i].date);
            }
            /* whose claim it is: "per The Atlantic" */
            const char *by = ent_name(e, ne, ev[i].attributed_to);
            if (by) {
                puts_(&b, " per ");
                puts_(&b, by);
            } else if (ev[i].attribution.end > ev[i].attribution.start) {
                puts_(&b, " per ");
                put_span(&b, text, ev[i].attribution.start, ev[i].attribution.end);
            }
            emit(out, &b);
        }
    } else {
        puts_(&b, "(unknown section)");
        emit(out, &b);
    }
    free(b.s);
}

typedef enum { EXACT, CONTAINS, EXCLUDES } match_mode;

static bool compare(const lines *want, const lines *got, match_mode mode,
                    const char *where)
{
    bool ok = true;
    if (mode == EXACT) {
        ok = want->n == got->n;
        for (size_t i = 0; ok && i < want->n; i++)
            ok = strcmp(want->v[i], got->v[i]) == 0;
    } else {
        for (size_t i = 0; i < want->n; i++) {
            bool found = false;
            for (size_t k = 0; k < got->n && !found; k++)
                found = strcmp(want->v[i], got->v[k]) == 0;
            if (found != (mode == CONTAINS)) {
                ok = false;
                printf("#   %s: %s\n", mode == CONTAINS ? "missing" : "present",
                       want->v[i]);
            }
        }
    }
    if (!ok) {
        printf("# %s\n", where);
        if (mode == EXACT)
            for (size_t i = 0; i < want->n; i++)
                printf("#   want: %s\n", want->v[i]);
        for (size_t i = 0; i < got->n; i++)
            printf("#   got:  %s\n", got->v[i]);
    }
    return ok;
}

typedef struct section {
    char name[64];
    match_mode mode;
    lines want;
} section;

static int ntests, nfailed;

static void run_case(const rift_model *m, const char *file, const char *name,
                     const char *opts, const lines *input, section *secs, size_t nsec)
{
    str text = {0};
    for (size_t i = 0; i < input->n; i++) {
        if (i)
            put(&text, "\n", 1);
        puts_(&text, input->v[i]);
    }
    rift_article a = {0};
    a.text = text.s ? text.s : "";
    a.text_len = text.n;
    a.origin = file;
    rift_analyze_options ao = {0};
    char date[32] = "", title[256] = "", source[256] = "", mdate[32] = "";
    const char *p;
    if ((p = strstr(opts, "date=")) && (p == opts || p[-1] == ' '))
        sscanf(p + 5, "%31s", date);
    if ((p = strstr(opts, "meta-date=")))
        sscanf(p + 10, "%31s", mdate);
    if ((p = strstr(opts, "source=")))
        sscanf(p + 7, "%255s", source);
    if ((p = strstr(opts, "title=\"")))
        sscanf(p + 7, "%255[^\"]", title);
    if (strstr(opts, "date-order=dmy"))
        ao.date_order = RIFT_DATE_ORDER_DMY;
    if (strstr(opts, "date-order=mdy"))
        ao.date_order = RIFT_DATE_ORDER_MDY;
    if (strstr(opts, "time-granularity=month"))
        ao.time_granularity = RIFT_TIME_GRANULARITY_MONTH;
    if (*date)
        ao.default_date = date;
    if (*mdate)
        a.date = mdate;
    if (*source)
        a.source = source;
    if (*title)
        a.title = title;
    rift_doc *d = NULL;
    rift_status st = rift_doc_analyze(m, &a, &ao, &d);
    for (size_t s = 0; s < nsec; s++) {
        ntests++;
        char where[2048];
        snprintf(where, sizeof where, "%s: %s: %s", file, name, secs[s].name);
        lines got = {0};
        bool ok = false;
        if (st == RIFT_OK) {
            render(d, secs[s].name, &got);
            ok = compare(&secs[s].want, &got, secs[s].mode, where);
        }
        if (!ok)
            nfailed++;
        printf("%s %d - %s\n", ok ? "ok" : "not ok", ntests, where);
        clear(&got);
        free(got.v);
    }
    rift_doc_free(d);
    free(text.s);
}

static void run_file(const rift_model *m, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("not ok %d - %s: cannot open\n", ++ntests, path);
        nfailed++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    char name[256] = "", opts[512] = "";
    lines input = {0};
    section secs[16];
    size_t nsec = 0;
    memset(secs, 0, sizeof secs);
    enum { NONE, INPUT, SECTION } where = NONE;
    for (;;) {
        got = getline(&line, &cap, f);
        bool eof = got < 0;
        if (!eof) {
            while (got && (line[got - 1] == '\n' || line[got - 1] == '\r'))
                line[--got] = '\0';
        }
        if (eof || !strncmp(line, "=== ", 4)) {
            if (*name)
                run_case(m, path, name, opts, &input, secs, nsec);
            clear(&input);
            for (size_t s = 0; s < nsec; s++) {
                clear(&secs[s].want);
                free(secs[s].want.v);
            }
            memset(secs, 0, sizeof secs);
            nsec = 0;
            where = NONE;
            opts[0] = '\0';
            if (eof)
                break;
            snprintf(name, sizeof name, "%s", line + 4);
            continue;
        }
        if (!strncmp(line, "--- ", 4)) {
            const char *h = line + 4;
            if (!strncmp(h, "input", 5)) {
                where = INPUT;
                snprintf(opts, sizeof opts, "%s", h + 5);
            } else if (nsec < 16) {
                section *s = &secs[nsec++];
                sscanf(h, "%63s", s->name);
                s->mode = strstr(h, "(contains)") ? CONTAINS
                          : strstr(h, "(excludes)") ? EXCLUDES : EXACT;
                where = SECTION;
            }
            continue;
        }
        if (where == INPUT)
            push(&input, line, (size_t)got);
        else if (where == SECTION && got > 0)
            push(&secs[nsec - 1].want, line, (size_t)got);
    }
    free(input.v);
    free(line);
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: casetest DATADIR CASEFILE...\n");
        return 2;
    }
    rift_model *m = NULL;
    if (rift_model_open(argv[1], &m) != RIFT_OK) {
        printf("not ok 1 - model: %s\n", rift_model_errmsg(m));
        return 1;
    }
    for (int i = 2; i < argc; i++)
        run_file(m, argv[i]);
    rift_model_close(m);
    return nfailed ? 1 : 0;
}
