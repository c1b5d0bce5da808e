/* conllu.c: reads CoNLL-U one sentence at a time (the integer-ID word lines,
 * multiword-token ranges, and the text/sent_id/newdoc/newpar comments).
 */
#include "conllu.h"

#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

struct conllu_reader {
    FILE *f;
    int piped;
    char *path;
    long lineno;
    char *line; size_t cap;
    char *buf; size_t blen, bcap;   /* the sentence's strings */
    conllu_word *w; size_t wcap;
    conllu_mwt *m; size_t mcap;
    char err[512];
};

conllu_reader *conllu_open(const char *path)
{
    conllu_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".xz") == 0) {
        FILE *probe = fopen(path, "rb");
        if (!probe) {
            free(r);
            return NULL;
        }
        fclose(probe);
        /* quote the path for the shell: ' -> '\'' */
        size_t cap = 16 + 4 * n;
        char *cmd = malloc(cap), *o = cmd;
        if (!cmd) {
            free(r);
            return NULL;
        }
        o += sprintf(o, "xz -dc -- '");
        for (const char *p = path; *p; p++) {
            if (*p == '\'') {
                memcpy(o, "'\\''", 4);
                o += 4;
            } else {
                *o++ = *p;
            }
        }
        strcpy(o, "'");
        r->f = popen(cmd, "r");
        free(cmd);
        r->piped = 1;
    } else {
        r->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    }
    if (!r->f) {
        free(r);
        return NULL;
    }
    r->path = strdup(path);
    return r;
}

const char *conllu_error(const conllu_reader *r) { return r->err; }

void conllu_close(conllu_reader *r)
{
    if (!r)
        return;
    if (r->piped)
        pclose(r->f);
    else if (r->f != stdin)
        fclose(r->f);
    free(r->path);
    free(r->line);
    free(r->buf);
    free(r->w);
    free(r->m);
    free(r);
}

/* Copies s into the sentence buffer; returns its offset. */
static size_t keep(conllu_reader *r, const char *s, size_t n)
{
    if (r->blen + n + 1 > r->bcap) {
        r->bcap = (r->blen + n + 1) * 2;
        r->buf = realloc(r->buf, r->bcap);
        if (!r->buf)
            abort();
    }
    size_t o = r->blen;
    memcpy(r->buf + o, s, n);
    r->buf[o + n] = '\0';
    r->blen += n + 1;
    return o;
}

static int space_after(const char *misc)
{
    return strstr(misc, "SpaceAfter=No") == NULL;
}

/* string fields are stored as offsets while the buffer may move; this
 * turns them into pointers once the sentence is complete */
#define NFIELD 8
int conllu_next(conllu_reader *r, conllu_sent *s)
{
    memset(s, 0, sizeof *s);
    r->blen = 0;
    size_t nw = 0, nm = 0;
    long text_off = -1, id_off = -1;
    ssize_t got;
    while ((got = getline(&r->line, &r->cap, r->f)) >= 0) {
        r->lineno++;
        size_t n = (size_t)got;
        while (n && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
            n--;
        r->line[n] = '\0';
        char *l = r->line;
        if (n == 0) {
            if (nw)
                goto done;
            continue;
        }
        if (l[0] == '#') {
            if (strncmp(l, "# text = ", 9) == 0)
                text_off = (long)keep(r, l + 9, n - 9);
            else if (strncmp(l, "# sent_id = ", 12) == 0)
                id_off = (long)keep(r, l + 12, n - 12);
            else if (strncmp(l, "# newdoc", 8) == 0)
                s->newdoc = 1;
            else if (strncmp(l, "# newpar", 8) == 0)
                s->newpar = 1;
            continue;
        }
        char *col[10];
        int nc = 0;
        col[nc++] = l;
        for (char *p = l; *p && nc < 10; p++)
            if (*p == '\t') {
                *p = '\0';
                col[nc++] = p + 1;
            }
        if (nc != 10) {
            snprintf(r->err, sizeof r->err, "%s:%ld: %d columns, not 10",
                     r->path, r->lineno, nc);
            return -1;
        }
        char *end;
        long id = strtol(col[0], &end, 10);
        if (*end == '.')
            continue; /* an empty node */
        if (*end == '-') {
            long last = strtol(end + 1, NULL, 10);
            if (nm == r->mcap) {
                r->mcap = r->mcap ? 2 * r->mcap : 16;
                r->m = realloc(r->m, r->mcap * sizeof *r->m);
                if (!r->m)
                    abort();
            }
            r->m[nm].first = (int)id;
            r->m[nm].last = (int)last;
            r->m[nm].form = (char *)(uintptr_t)keep(r, col[1], strlen(col[1]));
            r->m[nm].space_after = space_after(col[9]);
            nm++;
            continue;
        }
        if (*end || id != (long)nw + 1) {
            snprintf(r->err, sizeof r->err, "%s:%ld: word id %s out of order",
                     r->path, r->lineno, col[0]);
            return -1;
        }
        if (nw == r->wcap) {
            r->wcap = r->wcap ? 2 * r->wcap : 64;
            r->w = realloc(r->w, r->wcap * sizeof *r->w);
            if (!r->w)
                abort();
        }
        conllu_word *w = &r->w[nw];
        if (nw == 0)
            s->line = r->lineno;
        /* MISC ends at a tab: what follows is the extra columns */
        char *tab = strchr(col[9], '\t');
        if (tab)
            *tab = '\0';
        char *cols[NFIELD] = {col[1], col[2], col[3], col[4], col[5], col[7], col[9],
                              tab ? tab + 1 : (char *)""};
        char **dst[NFIELD] = {&w->form, &w->lemma, &w->upos, &w->xpos,
                              &w->feats, &w->deprel, &w->misc, &w->extra};
        for (int k = 0; k < NFIELD; k++)
            *dst[k] = (char *)(uintptr_t)keep(r, cols[k], strlen(cols[k]));
        w->head = (int)strtol(col[6], &end, 10);
        if (*end && strcmp(col[6], "_") != 0) {
            snprintf(r->err, sizeof r->err, "%s:%ld: head %s is not a number",
                     r->path, r->lineno, col[6]);
            return -1;
        }
        w->space_after = space_after(col[9]);
        nw++;
    }
    if (!nw)
        return 0;
done:
    for (size_t i = 0; i < nw; i++) {
        conllu_word *w = &r->w[i];
        char **dst[NFIELD] = {&w->form, &w->lemma, &w->upos, &w->xpos,
                              &w->feats, &w->deprel, &w->misc, &w->extra};
        for (int k = 0; k < NFIELD; k++)
            *dst[k] = r->buf + (uintptr_t)*dst[k];
    }
    for (size_t i = 0; i < nm; i++)
        r->m[i].form = r->buf + (uintptr_t)r->m[i].form;
    s->w = r->w;
    s->n = nw;
    s->mwt = r->m;
    s->n_mwt = nm;
    s->text = text_off >= 0 ? r->buf + text_off : NULL;
    s->sent_id = id_off >= 0 ? r->buf + id_off : NULL;
    return 1;
}
