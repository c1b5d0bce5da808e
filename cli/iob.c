/* iob.c: reads UNER, CrossNER and wikigold IOB files into gold documents
 * (tokens joined by spaces, sentences by blank lines) with their name spans
 * mapped to PERSON, ORG, LOC or not scored.  Reads only.
 */
#include "iob.h"
#include "gold.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int iob_type(const char *t, size_t n)
{
    static const struct { const char *name; int type; } map[] = {
        {"PER", GOLD_PERSON}, {"person", GOLD_PERSON}, {"politician", GOLD_PERSON},
        {"ORG", GOLD_ORG}, {"organisation", GOLD_ORG}, {"politicalparty", GOLD_ORG},
        {"LOC", GOLD_LOC}, {"GPE", GOLD_LOC}, {"country", GOLD_LOC}, {"location", GOLD_LOC},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strlen(map[i].name) == n && strncasecmp(map[i].name, t, n) == 0)
            return map[i].type;
    return GOLD_OTHER;
}

/* the reading state: the document being filled and its open name */
typedef struct iob_state {
    tdoc_set *s;
    size_t doc;             /* index of the current document, s->n when none */
    size_t before;          /* documents in the set before this file */
    bool in_sentence;
    long open;              /* first token of the open name, -1 when none */
    char otype[64];         /* its corpus type */
} iob_state;

static tdoc *cur(iob_state *st) { return &st->s->d[st->doc]; }

static void close_name(iob_state *st)
{
    if (st->open < 0)
        return;
    tdoc *d = cur(st);
    tdoc_span(d, (uint32_t)st->open, (uint32_t)d->nt,
              iob_type(st->otype, strlen(st->otype)), -1);
    st->open = -1;
}

static void end_sentence(iob_state *st)
{
    if (st->doc < st->s->n)
        close_name(st);
    st->in_sentence = false;
}

static void new_doc(iob_state *st, const char *id)
{
    end_sentence(st);
    tdoc_new(st->s, id);
    st->doc = st->s->n - 1;
}

/* one token and its tag ("O", "B-X", "I-X"); false on a tag of no form */
static bool add_token(iob_state *st, const char *form, size_t flen, const char *tag)
{
    if (st->doc >= st->s->n) {
        char id[32];
        snprintf(id, sizeof id, "doc%zu", st->s->n - st->before);
        new_doc(st, id);
    }
    tdoc *d = cur(st);
    if (!st->in_sentence) {
        tdoc_sentence(d, "\n\n");
        st->in_sentence = true;
    }
    bool outside = strcmp(tag, "O") == 0;
    if (!outside && (strlen(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-'))
        return false;
    /* I- after O or after another type opens a name (IOB1 and IO) */
    if (outside || tag[0] == 'B' || st->open < 0 || strcmp(st->otype, tag + 2) != 0)
        close_name(st);
    uint32_t t = tdoc_token(d, form, flen, true);
    if (!outside && st->open < 0) {
        st->open = t;
        snprintf(st->otype, sizeof st->otype, "%s", tag + 2);
    }
    return true;
}

int iob_read(const char *path, iob_format f, tdoc_set *s, char *err, size_t errlen)
{
    ev_lines r;
    if (!ev_lines_open(&r, path, err, errlen))
        return -1;
    size_t before = s->n;
    iob_state st = {s, s->n, s->n, false, -1, ""};
    char *line;
    size_t len;
    bool ok = true;
    while (ok && (line = ev_lines_next(&r, &len))) {
        if (len == 0) {
            end_sentence(&st);
            if (f == IOB_CROSSNER)
                st.doc = s->n;      /* the next sentence opens a document */
            continue;
        }
        if (f == IOB_UNER && line[0] == '#') {
            if (strncmp(line, "# newdoc id = ", 14) == 0)
                new_doc(&st, line + 14);
            continue;
        }
        if (f == IOB_WIKIGOLD && strncmp(line, "-DOCSTART-", 10) == 0) {
            char id[32];
            snprintf(id, sizeof id, "doc%zu", s->n - before);
            /* text before the first -DOCSTART- is document 0 */
            if (st.doc < s->n && cur(&st)->nt == 0)
                end_sentence(&st);
            else
                new_doc(&st, id);
            continue;
        }
        char *col[4];
        int nc = f == IOB_WIKIGOLD ? 0 : ev_split(line, '\t', col, 4);
        const char *form, *tag;
        if (f == IOB_WIKIGOLD) {
            char *sp = strrchr(line, ' ');
            if (!sp || sp == line) {
                ok = ev_lines_fail(&r, "no \"token tag\" pair");
                break;
            }
            *sp = '\0';
            form = line;
            tag = sp + 1;
        } else if (nc < (f == IOB_UNER ? 3 : 2)) {
            ok = ev_lines_fail(&r, "too few tab-separated columns");
            break;
        } else {
            form = col[f == IOB_UNER];
            tag = col[1 + (f == IOB_UNER)];
        }
        if (f == IOB_CROSSNER && st.doc >= s->n) {
            char id[32];
            snprintf(id, sizeof id, "s%zu", s->n - before);
            new_doc(&st, id);
        }
        if (!add_token(&st, form, strlen(form), tag))
            ok = ev_lines_fail(&r, "tag '%s' is not O, B-TYPE or I-TYPE", tag);
    }
    end_sentence(&st);
    if (!ev_lines_close(&r))
        ok = false;
    return ok ? (int)(s->n - before) : -1;
}
