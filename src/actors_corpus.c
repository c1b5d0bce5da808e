/* actors_corpus.c: one identity per real actor across the articles of a
 * corpus, from the entities each document resolved on its own, all at once
 * on plain arrays; never sees SQL, never prints.  The store links new
 * entities incrementally by the same rules (store_actors.c), with the name
 * folding and role matching here.
 *
 * Identity, in order of strength: an actor code from a user list; the same
 * full name (first and last word, honorifics and initials dropped); for a
 * lone surname, the one full-name actor with that surname that shares a
 * co-occurring actor or a role with it.  Without such evidence people who
 * share a surname stay apart.
 */
#include "corpus.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_dropped_word(const char *w, size_t n)
{
    static const char *const drop[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame",
                                       "prof", "rev", "jr", "sr", "ii", "iii", "iv", NULL};
    if (n == 1)
        return true; /* an initial */
    for (size_t i = 0; drop[i]; i++)
        if (strlen(drop[i]) == n && memcmp(drop[i], w, n) == 0)
            return true;
    return false;
}

char *corpus_fold_name(const char *s, size_t *n_words)
{
    rift_arena a;
    rift_arena_init(&a);
    size_t fl;
    char *f = rift_utf8_fold(&a, s, strlen(s), &fl);
    char *out = rift_xmalloc(fl + 1);
    size_t o = 0, words = 0, kept_one = 0;
    size_t i = 0;
    /* first pass counts words so a lone initial or honorific is kept */
    size_t total = 0;
    for (size_t k = 0; k < fl;) {
        while (k < fl && (f[k] == ' ' || f[k] == '.' || f[k] == ','))
            k++;
        if (k < fl)
            total++;
        while (k < fl && f[k] != ' ' && f[k] != ',')
            k++;
    }
    while (i < fl) {
        while (i < fl && (f[i] == ' ' || f[i] == ',' || f[i] == '.'))
            i++;
        size_t st = i;
        char w[256];
        size_t wn = 0;
        while (i < fl && f[i] != ' ' && f[i] != ',') {
            if (f[i] != '.' && wn < sizeof w)
                w[wn++] = f[i];
            i++;
        }
        if (i == st || wn == 0)
            continue;
        if (total > 1 && is_dropped_word(w, wn))
            continue;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, w, wn);
        o += wn;
        words++;
        kept_one = 1;
    }
    if (!kept_one) { /* nothing left: keep the folded text as it was */
        memcpy(out, f, fl);
        o = fl;
        words = fl ? 1 : 0;
    }
    out[o] = '\0';
    rift_arena_release(&a);
    if (n_words)
        *n_words = words;
    return out;
}

typedef RIFT_VEC(int32_t) ivec;

typedef struct art_actors {
    size_t from, to;     /* entity range of the article */
    ivec actors;         /* actors resolved in steps 1-2, sorted unique */
} art_actors;

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void sort_unique(ivec *v)
{
    if (v->n < 2)
        return;
    qsort(v->v, v->n, sizeof *v->v, cmp_i32);
    size_t o = 1;
    for (size_t i = 1; i < v->n; i++)
        if (v->v[i] != v->v[o - 1])
            v->v[o++] = v->v[i];
    v->n = o;
}

static size_t shared(const ivec *a, const ivec *b, int32_t skip)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] < b->v[j]) i++;
        else if (a->v[i] > b->v[j]) j++;
        else {
            if (a->v[i] != skip)
                n++;
            i++;
            j++;
        }
    }
    return n;
}

bool corpus_share_role(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    for (const char *p = a; *p;) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        for (const char *q = b; *q;) {
            const char *f = strstr(q, "; ");
            size_t m = f ? (size_t)(f - q) : strlen(q);
            if (n == m && n && strncasecmp(p, q, n) == 0)
                return true;
            q += m;
            if (*q)
                q += 2;
        }
        p += n;
        if (*p)
            p += 2;
    }
    return false;
}

static size_t last_word(const char *k)
{
    const char *sp = strrchr(k, ' ');
    return sp ? (size_t)(sp + 1 - k) : 0;
}

void corpus_first_last(const char *key, rift_buf *out)
{
    const char *sp = strchr(key, ' ');
    if (!sp) {
        rift_buf_puts(out, key);
        return;
    }
    rift_buf_printf(out, "%.*s %s", (int)(sp - key), key, key + last_word(key));
}

corpus_actor *corpus_link_actors(corpus_entity *e, size_t n, size_t *n_actors)
{
    *n_actors = 0;
    if (!n)
        return NULL;
    char **key = rift_xmalloc(n * sizeof *key);
    size_t *words = rift_xmalloc(n * sizeof *words);
    rift_strmap map;           /* identity key -> actor */
    rift_strmap_init(&map);
    int32_t next = 0;
    rift_buf kb;
    rift_buf_init(&kb);
    /* the articles, as entity ranges */
    RIFT_VEC(art_actors) arts = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && e[j].article == e[i].article)
            j++;
        art_actors aa = {i, j, {0}};
        RIFT_VEC_PUSH(arts, aa);
        i = j;
    }
    /* steps 1-2: codes, full names of people, then organisations and
     * places; a two- or three-word name typed otherwise in one document
     * joins the person of the same full name ("Elon Musk" taken for an
     * organisation once is still Elon Musk) */
    for (size_t i = 0; i < n; i++)
        key[i] = corpus_fold_name(e[i].name ? e[i].name : "", &words[i]);
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < n; i++) {
        bool person = e[i].type == RIFT_ENT_PERSON;
        if (pass == 0)
            e[i].actor = -1;
        kb.len = 0;
        if (e[i].code && *e[i].code) {
            if (pass == 1)
                continue;
            rift_buf_printf(&kb, "c\x1f%s", e[i].code);
        } else if (person) {
            if (pass == 1 || words[i] < 2)
                continue;
            rift_buf_puts(&kb, "p\x1f");
            corpus_first_last(key[i], &kb);
        } else {
            if (pass == 0)
                continue;
            if (words[i] == 2 || words[i] == 3) {
                rift_buf_puts(&kb, "p\x1f");
                corpus_first_last(key[i], &kb);
                int pv = rift_strmap_get(&map, kb.data, kb.len);
                if (pv >= 0) {
                    e[i].actor = pv;
                    continue;
                }
                kb.len = 0;
            }
            rift_buf_printf(&kb, "%c\x1f%s", e[i].type == RIFT_ENT_LOC ? 'l' : 'o', key[i]);
        }
        int v = rift_strmap_get(&map, kb.data, kb.len);
        if (v < 0) {
            v = next++;
            rift_strmap_put(&map, kb.data, kb.len, v);
        }
        e[i].actor = v;
    }
    /* surname -> the full-name person actors that end in it */
    RIFT_VEC(ivec) sur = {0};
    rift_strmap surmap;
    rift_strmap_init(&surmap);
    for (size_t i = 0; i < n; i++) {
        if (e[i].actor < 0 || e[i].type != RIFT_ENT_PERSON || words[i] < 2 || e[i].code)
            continue;
        const char *lw = key[i] + last_word(key[i]);
        int s = rift_strmap_get(&surmap, lw, strlen(lw));
        if (s < 0) {
            ivec empty = {0};
            RIFT_VEC_PUSH(sur, empty);
            s = (int)sur.n - 1;
            rift_strmap_put(&surmap, lw, strlen(lw), s);
        }
        RIFT_VEC_PUSH(sur.v[s], e[i].actor);
    }
    for (size_t s = 0; s < sur.n; s++)
        sort_unique(&sur.v[s]);
    /* per article, the actors found so far; per actor, its articles */
    RIFT_VEC(ivec) actor_arts = {0};
    for (int32_t a = 0; a < next; a++) {
        ivec empty = {0};
        RIFT_VEC_PUSH(actor_arts, empty);
    }
    for (size_t k = 0; k < arts.n; k++) {
        for (size_t i = arts.v[k].from; i < arts.v[k].to; i++)
            if (e[i].actor >= 0)
                RIFT_VEC_PUSH(arts.v[k].actors, e[i].actor);
        sort_unique(&arts.v[k].actors);
        for (size_t i = 0; i < arts.v[k].actors.n; i++)
            RIFT_VEC_PUSH(actor_arts.v[arts.v[k].actors.v[i]], (int32_t)k);
    }
    /* step 3: a lone name joins the one full-name actor with evidence */
    int32_t *single_art = rift_xmalloc(n * sizeof *single_art);
    for (size_t k = 0; k < arts.n; k++) {
        for (size_t i = arts.v[k].from; i < arts.v[k].to; i++) {
            single_art[i] = (int32_t)k;
            if (e[i].actor >= 0 || e[i].type != RIFT_ENT_PERSON)
                continue;
            int s = rift_strmap_get(&surmap, key[i], strlen(key[i]));
            if (s < 0)
                continue;
            int32_t best = -1;
            size_t best_score = 0;
            bool tie = false;
            for (size_t c = 0; c < sur.v[s].n; c++) {
                int32_t cand = sur.v[s].v[c];
                size_t score = 0;
                const ivec *ca = &actor_arts.v[cand];
                /* bounded: the first 256 articles of the candidate */
                for (size_t t = 0; t < ca->n && t < 256; t++) {
                    if ((size_t)ca->v[t] == k)
                        continue;
                    score += shared(&arts.v[k].actors, &arts.v[ca->v[t]].actors, cand);
                    const art_actors *o = &arts.v[ca->v[t]];
                    for (size_t q = o->from; q < o->to; q++)
                        if (e[q].actor == cand && corpus_share_role(e[q].roles, e[i].roles))
                            score += 2;
                }
                if (score > best_score) {
                    best = cand;
                    best_score = score;
                    tie = false;
                } else if (score == best_score && score > 0) {
                    tie = true;
                }
            }
            if (best >= 0 && !tie)
                e[i].actor = best;
        }
    }
    /* step 4: lone names left over join each other only with evidence:
     * a shared co-occurring actor or role, among recent namesakes */
    rift_strmap lone;
    rift_strmap_init(&lone);
    RIFT_VEC(ivec) lone_members = {0};
    for (size_t i = 0; i < n; i++) {
        if (e[i].actor >= 0)
            continue;
        kb.len = 0;
        rift_buf_printf(&kb, "%d\x1f%s", e[i].type, key[i]);
        int g = rift_strmap_get(&lone, kb.data, kb.len);
        if (g < 0) {
            ivec empty = {0};
            RIFT_VEC_PUSH(lone_members, empty);
            g = (int)lone_members.n - 1;
            rift_strmap_put(&lone, kb.data, kb.len, g);
        }
        ivec *mem = &lone_members.v[g];
        int32_t join = -1;
        size_t from = mem->n > 64 ? mem->n - 64 : 0;
        for (size_t t = from; t < mem->n && join < 0; t++) {
            size_t o = (size_t)mem->v[t];
            if (shared(&arts.v[single_art[i]].actors, &arts.v[single_art[o]].actors, -1) ||
                corpus_share_role(e[o].roles, e[i].roles))
                join = e[o].actor;
        }
        e[i].actor = join >= 0 ? join : next++;
        RIFT_VEC_PUSH(*mem, (int32_t)i);
    }
    /* renumber by first appearance; name each actor by its most frequent
     * name (then the longest, then the first in byte order) */
    int32_t *renum = rift_xmalloc((size_t)next * sizeof *renum);
    for (int32_t a = 0; a < next; a++)
        renum[a] = -1;
    int32_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (renum[e[i].actor] < 0)
            renum[e[i].actor] = m++;
        e[i].actor = renum[e[i].actor];
    }
    corpus_actor *out = rift_xmalloc((size_t)m * sizeof *out);
    memset(out, 0, (size_t)m * sizeof *out);
    /* count names per actor: sort entity indices by (actor, name) */
    size_t *ord = rift_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    /* insertion into buckets by actor, then counting within a bucket */
    size_t *start = rift_xmalloc(((size_t)m + 1) * sizeof *start);
    memset(start, 0, ((size_t)m + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[e[i].actor + 1]++;
    for (int32_t a = 0; a < m; a++)
        start[a + 1] += start[a];
    size_t *fill = rift_xmalloc(((size_t)m + 1) * sizeof *fill);
    memcpy(fill, start, ((size_t)m + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        ord[fill[e[i].actor]++] = i;
    for (int32_t a = 0; a < m; a++) {
        size_t best_count = 0;
        const char *best = NULL;
        size_t votes[4] = {0, 0, 0, 0};
        for (size_t p = start[a]; p < start[a + 1]; p++)
            votes[e[ord[p]].type & 3]++;
        out[a].type = RIFT_ENT_PERSON; /* the type most entities have, PERSON on a tie */
        for (int t = 0; t < 4; t++)
            if (votes[t] > votes[out[a].type])
                out[a].type = t;
        for (size_t p = start[a]; p < start[a + 1]; p++) {
            const corpus_entity *x = &e[ord[p]];
            if (x->code && !out[a].code)
                out[a].code = x->code;
            const char *nm = x->name ? x->name : "";
            /* bounded count: compare with up to 64 others of the bucket */
            size_t cnt = 0;
            for (size_t q = start[a]; q < start[a + 1] && q < start[a] + 64; q++)
                if (e[ord[q]].name && strcmp(e[ord[q]].name, nm) == 0)
                    cnt++;
            if (!best || cnt > best_count ||
                (cnt == best_count && (strlen(nm) > strlen(best) ||
                                       (strlen(nm) == strlen(best) && strcmp(nm, best) < 0)))) {
                best = nm;
                best_count = cnt;
            }
        }
        out[a].name = best;
    }
    free(start);
    free(fill);
    free(ord);
    free(renum);
    for (size_t i = 0; i < n; i++)
        free(key[i]);
    free(key);
    free(words);
    free(single_art);
    for (size_t k = 0; k < arts.n; k++)
        free(arts.v[k].actors.v);
    free(arts.v);
    for (size_t s = 0; s < sur.n; s++)
        free(sur.v[s].v);
    free(sur.v);
    for (size_t s = 0; s < actor_arts.n; s++)
        free(actor_arts.v[s].v);
    free(actor_arts.v);
    for (size_t s = 0; s < lone_members.n; s++)
        free(lone_members.v[s].v);
    free(lone_members.v);
    rift_strmap_free(&map);
    rift_strmap_free(&surmap);
    rift_strmap_free(&lone);
    rift_buf_free(&kb);
    *n_actors = (size_t)m;
    return out;
}
