/* store_actors.c: the actors pass, incremental: each entity of the pending
 * articles joins a stored actor through an index of folded name keys
 * (actor_keys) or makes a new one; counts, name and type grow in place.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The keys of actor_keys: a letter, \x1f, then folded text (corpus_fold_name):
 *   c  an actor code            p  a person's first and last word
 *   q  the same of an organisation or place of two or three words
 *   o  an organisation          l  a place (the whole folded name)
 *   s  the surname of a full-name person (many actors per key)
 *   n  a lone name that found no full name (many actors per key)
 * Identity follows corpus_link_actors (actors_corpus.c): a code, then a full
 * name; a lone surname joins the one full-name person of that surname in
 * its own article, else the one it shares the most co-occurring actors and
 * roles with, else a namesake with such evidence, else becomes an actor of
 * its own.  What an article finds depends on the articles before it: the
 * pending ones are read by date, then key. */

#define MAX_CANDIDATES 64
#define PROFILE_ARTICLES 256

enum { A_FIND, A_FIND_MANY, A_KEY, A_NEW, A_COUNT, A_VOTE, A_LINK, A_ENTS, A_PROFILE,
       A_NAMES, A_RENAME, A_N };

static const char *const actor_sql[A_N] = {
    [A_FIND] = "SELECT actor_id FROM actor_keys WHERE key = ? ORDER BY actor_id LIMIT 1",
    [A_FIND_MANY] = "SELECT actor_id FROM actor_keys WHERE key = ? ORDER BY actor_id LIMIT 64",
    [A_KEY] = "INSERT INTO actor_keys VALUES(?, ?) ON CONFLICT DO NOTHING",
    [A_NEW] = "INSERT INTO actors(id, name, type, code, n_articles, n_mentions)"
              " VALUES(?, ?, ?, ?, 0, 0)",
    [A_COUNT] = "UPDATE actors SET n_articles = n_articles + 1, n_mentions = n_mentions + ?2,"
                " code = coalesce(code, ?3),"
                " first_date = CASE WHEN CAST(?4 AS TEXT) IS NOT NULL AND (first_date IS NULL"
                "   OR ?4 < first_date) THEN ?4 ELSE first_date END,"
                " last_date = CASE WHEN CAST(?4 AS TEXT) IS NOT NULL AND (last_date IS NULL"
                "   OR ?4 > last_date) THEN ?4 ELSE last_date END"
                " WHERE id = ?1",
    [A_VOTE] = "INSERT INTO actor_names VALUES(?1, ?2, ?3, 1) ON CONFLICT(actor_id, name, type)"
               " DO UPDATE SET n = actor_names.n + 1",
    [A_LINK] = "UPDATE entities SET actor_id = ? WHERE article_id = ? AND idx = ?",
    [A_ENTS] = "SELECT e.idx, e.name, e.type, e.code, e.roles, e.n_mentions, a.date"
               " FROM entities e JOIN articles a ON a.id = e.article_id"
               " WHERE e.article_id = ? AND e.actor_id IS NULL ORDER BY e.idx",
    [A_PROFILE] = "SELECT o.article_id, o.actor_id, o.roles FROM (SELECT DISTINCT article_id"
                  "   FROM entities WHERE actor_id = ?1 ORDER BY article_id LIMIT 256) t"
                  " JOIN entities o ON o.article_id = t.article_id"
                  " WHERE o.actor_id IS NOT NULL ORDER BY o.article_id, o.actor_id",
    [A_NAMES] = "SELECT name, type, n FROM actor_names WHERE actor_id = ?",
    [A_RENAME] = "UPDATE actors SET name = ?2, type = ?3 WHERE id = ?1",
};

typedef RIFT_VEC(long long) llvec;

/* a candidate's evidence, read once per pass: how many of its articles
 * (the first PROFILE_ARTICLES) each co-occurring actor is in, and the
 * roles it had there */
typedef struct profile {
    llvec co, count;        /* co-occurring actors, sorted, and their article counts */
    RIFT_VEC(char *) roles;
    size_t n_articles;      /* up to PROFILE_ARTICLES */
} profile;

typedef struct ent {
    long long idx, n_mentions, actor;
    char *name, *code, *roles, *key;
    int type;
    size_t words;
} ent;

typedef struct pass {
    rift_store *st;
    db_stmt *s[A_N];
    long long next_id;
    rift_strmap found;      /* unique keys looked up in this pass -> their oldest actor */
    rift_strmap prof_of;    /* actor id -> index in prof */
    RIFT_VEC(profile) prof;
    llvec touched;          /* actors whose name and type may change */
    rift_buf kb;
} pass;

static int type_from_name(const char *t)
{
    if (!t) return RIFT_ENT_ORG;
    if (!strcmp(t, "PERSON")) return RIFT_ENT_PERSON;
    if (!strcmp(t, "OUTLET")) return RIFT_ENT_OUTLET;
    if (!strcmp(t, "LOC")) return RIFT_ENT_LOC;
    return RIFT_ENT_ORG;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static void sort_unique(llvec *v)
{
    if (v->n < 2)
        return;
    qsort(v->v, v->n, sizeof *v->v, cmp_ll);
    size_t o = 1;
    for (size_t i = 1; i < v->n; i++)
        if (v->v[i] != v->v[o - 1])
            v->v[o++] = v->v[i];
    v->n = o;
}

/* kb = kind \x1f text; text NULL: the first and last word of key */
static void make_key(pass *p, char kind, const char *key, bool first_last)
{
    p->kb.len = 0;
    rift_buf_putc(&p->kb, kind);
    rift_buf_putc(&p->kb, '\x1f');
    if (first_last)
        corpus_first_last(key, &p->kb);
    else
        rift_buf_puts(&p->kb, key);
}

/* the actors of key kb (up to max, lowest id first); false on error */
static bool find(pass *p, llvec *out, int max)
{
    out->n = 0;
    if (max == 1) {
        int v = rift_strmap_get(&p->found, p->kb.data, p->kb.len);
        if (v >= 0) {
            RIFT_VEC_PUSH(*out, v);
            return true;
        }
    }
    db_stmt *s = p->s[max == 1 ? A_FIND : A_FIND_MANY];
    db_bind_text(s, 1, p->kb.data, (long)p->kb.len);
    int rc;
    while ((rc = db_step(s)) == DB_ROW)
        RIFT_VEC_PUSH(*out, db_column_int64(s, 0));
    db_reset(s);
    if (rc != DB_DONE) {
        store_fail(p->st, "read actor keys");
        return false;
    }
    if (max == 1 && out->n)
        rift_strmap_put(&p->found, p->kb.data, p->kb.len, (int)out->v[0]);
    return true;
}

/* one lookup of a unique key: the actor, 0 when none, -1 on error */
static long long find_one(pass *p)
{
    llvec v = {0};
    long long a = find(p, &v, 1) ? (v.n ? v.v[0] : 0) : -1;
    free(v.v);
    return a;
}

static bool put_key(pass *p, long long actor)
{
    db_stmt *s = p->s[A_KEY];
    db_bind_text(s, 1, p->kb.data, (long)p->kb.len);
    db_bind_int64(s, 2, actor);
    /* not cached: a key may hold an older actor not looked up yet, and a
     * lookup gives the oldest */
    return store_step_done(p->st, s);
}

/* a new actor named after x; its id, -1 on error */
static long long new_actor(pass *p, const ent *x)
{
    db_stmt *s = p->s[A_NEW];
    long long id = ++p->next_id;
    db_bind_int64(s, 1, id);
    store_bind_text(s, 2, x->name ? x->name : "");
    store_bind_text(s, 3, rift_entity_type_name((rift_entity_type)x->type));
    store_bind_text(s, 4, x->code && *x->code ? x->code : NULL);
    return store_step_done(p->st, s) ? id : -1;
}

/* the key of kb, or a new actor under it; -1 on error */
static long long find_or_make(pass *p, const ent *x)
{
    long long a = find_one(p);
    if (a)
        return a;
    a = new_actor(p, x);
    return a >= 0 && put_key(p, a) ? a : -1;
}

static profile *profile_of(pass *p, long long actor)
{
    char k[24];
    int kn = snprintf(k, sizeof k, "%lld", actor);
    int i = rift_strmap_get(&p->prof_of, k, (size_t)kn);
    if (i >= 0)
        return &p->prof.v[i];
    profile pr = {0};
    llvec all = {0};
    db_stmt *s = p->s[A_PROFILE];
    db_bind_int64(s, 1, actor);
    int rc;
    long long last = -1;
    while ((rc = db_step(s)) == DB_ROW) {
        long long art = db_column_int64(s, 0), o = db_column_int64(s, 1);
        pr.n_articles += art != last;
        last = art;
        if (o != actor)
            RIFT_VEC_PUSH(all, o); /* one row per (article, actor) entity */
        else if (!db_column_null(s, 2))
            RIFT_VEC_PUSH(pr.roles, store_dup_col(s, 2));
    }
    db_reset(s);
    if (rc != DB_DONE)
        store_fail(p->st, "read actor evidence");
    /* an actor twice in one article counts once there: the rows come by
     * article then actor, so repeats are neighbours */
    qsort(all.v, all.n, sizeof *all.v, cmp_ll);
    for (size_t j = 0; j < all.n;) {
        size_t e = j;
        while (e < all.n && all.v[e] == all.v[j])
            e++;
        RIFT_VEC_PUSH(pr.co, all.v[j]);
        RIFT_VEC_PUSH(pr.count, (long long)(e - j));
        j = e;
    }
    free(all.v);
    RIFT_VEC_PUSH(p->prof, pr);
    rift_strmap_put(&p->prof_of, k, (size_t)kn, (int)p->prof.n - 1);
    return &p->prof.v[p->prof.n - 1];
}

/* the article just linked (e[0..n)) is one more article of its actors
 * whose evidence was read already: while under PROFILE_ARTICLES, it adds
 * its other actors and the roles it gave them */
static void grow_profiles(pass *p, const ent *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t j = 0; j < i && first; j++)
            first = e[j].actor != e[i].actor;
        char k[24];
        int kn = snprintf(k, sizeof k, "%lld", e[i].actor);
        int at = first ? rift_strmap_get(&p->prof_of, k, (size_t)kn) : -1;
        if (at < 0 || p->prof.v[at].n_articles >= PROFILE_ARTICLES)
            continue;
        profile *pr = &p->prof.v[at];
        pr->n_articles++;
        for (size_t j = 0; j < n; j++) {
            if (e[j].actor == e[i].actor) {
                if (e[j].roles)
                    RIFT_VEC_PUSH(pr->roles, rift_xstrdup(e[j].roles));
                continue;
            }
            bool again = false; /* the same other actor twice in the article */
            for (size_t t = 0; t < j && !again; t++)
                again = e[t].actor == e[j].actor;
            if (again)
                continue;
            size_t lo = 0, hi = pr->co.n;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (pr->co.v[mid] < e[j].actor)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < pr->co.n && pr->co.v[lo] == e[j].actor) {
                pr->count.v[lo]++;
                continue;
            }
            RIFT_VEC_PUSH(pr->co, 0);
            RIFT_VEC_PUSH(pr->count, 0);
            memmove(pr->co.v + lo + 1, pr->co.v + lo, (pr->co.n - 1 - lo) * sizeof *pr->co.v);
            memmove(pr->count.v + lo + 1, pr->count.v + lo,
                    (pr->count.n - 1 - lo) * sizeof *pr->count.v);
            pr->co.v[lo] = e[j].actor;
            pr->count.v[lo] = 1;
        }
    }
}

/* evidence that an entity with these roles, in an article with these
 * actors, is cand: shared co-occurring actors, two per shared role */
static long long score(pass *p, long long cand, const llvec *mine, const char *roles)
{
    const profile *pr = profile_of(p, cand);
    long long sc = 0;
    for (size_t i = 0, j = 0; i < mine->n && j < pr->co.n;) {
        if (mine->v[i] < pr->co.v[j]) i++;
        else if (mine->v[i] > pr->co.v[j]) j++;
        else {
            if (mine->v[i] != cand)
                sc += pr->count.v[j];
            i++;
            j++;
        }
    }
    for (size_t r = 0; r < pr->roles.n; r++)
        if (corpus_share_role(pr->roles.v[r], roles))
            sc += 2;
    return sc;
}

/* the candidate of kb with the most evidence: 0 when none has any, or
 * (unique) when two tie; -1 on error */
static long long best_of(pass *p, const ent *x, const llvec *mine, bool unique)
{
    llvec c = {0};
    if (!find(p, &c, MAX_CANDIDATES)) {
        free(c.v);
        return -1;
    }
    long long best = 0, best_sc = 0;
    bool tie = false;
    for (size_t i = 0; i < c.n; i++) {
        long long sc = score(p, c.v[i], mine, x->roles);
        if (sc > best_sc) {
            best = c.v[i];
            best_sc = sc;
            tie = false;
        } else if (sc == best_sc && sc > 0) {
            tie = true;
        }
    }
    free(c.v);
    return unique && tie ? 0 : best;
}

/* steps 1-2: a code, a person's full name, an organisation or a place */
static long long link_named(pass *p, ent *x)
{
    if (x->code && *x->code) {
        make_key(p, 'c', x->code, false);
        return find_or_make(p, x);
    }
    if (x->type == RIFT_ENT_PERSON) {
        make_key(p, 'p', x->key, true);
        long long a = find_one(p);
        if (a)
            return a;
        /* the same two or three words stored as an organisation first */
        make_key(p, 'q', x->key, true);
        a = find_one(p);
        make_key(p, 'p', x->key, true);
        if (a > 0)
            return put_key(p, a) ? a : -1;
        return a < 0 ? -1 : find_or_make(p, x);
    }
    bool short_name = x->words == 2 || x->words == 3;
    if (short_name) { /* "Elon Musk" taken for an organisation once */
        make_key(p, 'p', x->key, true);
        long long a = find_one(p);
        if (a)
            return a;
    }
    make_key(p, x->type == RIFT_ENT_LOC ? 'l' : 'o', x->key, false);
    long long a = find_one(p);
    if (a)
        return a;
    if ((a = new_actor(p, x)) < 0 || !put_key(p, a))
        return -1;
    if (short_name) {
        make_key(p, 'q', x->key, true);
        if (!put_key(p, a))
            return -1;
    }
    return a;
}

/* the one full-name person of the article (e[0..n)) whose surname is
 * x's name, or 0 (none, or two) */
static long long same_article(const ent *x, const ent *e, size_t n)
{
    long long found = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].actor <= 0 || e[i].type != RIFT_ENT_PERSON || e[i].words < 2 ||
            (e[i].code && *e[i].code))
            continue;
        const char *sp = strrchr(e[i].key, ' ');
        if (!sp || strcmp(sp + 1, x->key) || e[i].actor == found)
            continue;
        if (found)
            return 0;
        found = e[i].actor;
    }
    return found;
}

/* steps 3-4: a lone name joins the full-name person of its own article,
 * else the one with the most evidence, else a namesake with some, else
 * is an actor of its own */
static long long link_lone(pass *p, ent *x, const ent *e, size_t n, const llvec *mine)
{
    long long a = same_article(x, e, n);
    if (a)
        return a;
    make_key(p, 's', x->key, false);
    a = best_of(p, x, mine, true);
    if (a)
        return a;
    make_key(p, 'n', x->key, false);
    if ((a = best_of(p, x, mine, false)) != 0)
        return a;
    a = new_actor(p, x);
    return a >= 0 && put_key(p, a) ? a : -1;
}

static bool is_lone(const ent *x)
{
    return x->type == RIFT_ENT_PERSON && !(x->code && *x->code) && x->words < 2;
}

/* writes the links, name votes and counts of one article's entities */
static bool save_article(pass *p, long long aid, ent *e, size_t n, const char *date)
{
    for (size_t i = 0; i < n; i++) {
        db_stmt *s = p->s[A_LINK];
        db_bind_int64(s, 1, e[i].actor);
        db_bind_int64(s, 2, aid);
        db_bind_int64(s, 3, e[i].idx);
        if (!store_step_done(p->st, s))
            return false;
        s = p->s[A_VOTE];
        db_bind_int64(s, 1, e[i].actor);
        store_bind_text(s, 2, e[i].name ? e[i].name : "");
        store_bind_text(s, 3, rift_entity_type_name((rift_entity_type)e[i].type));
        if (!store_step_done(p->st, s))
            return false;
        /* a full-name person is a candidate for its surname */
        if (e[i].type == RIFT_ENT_PERSON && e[i].words >= 2 && !(e[i].code && *e[i].code)) {
            const char *sp = strrchr(e[i].key, ' ');
            make_key(p, 's', sp ? sp + 1 : e[i].key, false);
            if (!put_key(p, e[i].actor))
                return false;
        }
        RIFT_VEC_PUSH(p->touched, e[i].actor);
    }
    /* per actor of the article: one article more, its mentions, the dates */
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        long long mentions = 0;
        const char *code = NULL;
        for (size_t j = 0; j < n && first; j++)
            if (e[j].actor == e[i].actor && j < i)
                first = false;
        if (!first)
            continue;
        for (size_t j = i; j < n; j++)
            if (e[j].actor == e[i].actor) {
                mentions += e[j].n_mentions;
                if (!code && e[j].code && *e[j].code)
                    code = e[j].code;
            }
        db_stmt *s = p->s[A_COUNT];
        db_bind_int64(s, 1, e[i].actor);
        db_bind_int64(s, 2, mentions);
        store_bind_text(s, 3, code);
        store_bind_text(s, 4, date);
        if (!store_step_done(p->st, s))
            return false;
    }
    return true;
}

static void free_ents(ent *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].code);
        free(e[i].roles);
        free(e[i].key);
    }
}

static rift_status link_article(void *ctx, long long aid)
{
    pass *p = ctx;
    db_stmt *s = p->s[A_ENTS];
    db_bind_int64(s, 1, aid);
    RIFT_VEC(ent) e = {0};
    char *date = NULL;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        ent x = {0};
        x.idx = db_column_int64(s, 0);
        x.name = store_dup_col(s, 1);
        x.type = type_from_name(db_column_text(s, 2));
        x.code = store_dup_col(s, 3);
        x.roles = store_dup_col(s, 4);
        x.n_mentions = db_column_int64(s, 5);
        x.key = corpus_fold_name(x.name ? x.name : "", &x.words);
        if (!date)
            date = store_dup_col(s, 6);
        RIFT_VEC_PUSH(e, x);
    }
    db_reset(s);
    bool ok = rc == DB_DONE || (store_fail(p->st, "read entities"), false);
    /* codes and people first, so that a name typed otherwise in one
     * article still finds the person */
    llvec mine = {0};
    for (int step = 0; step < 3 && ok; step++) {
        for (size_t i = 0; i < e.n && ok; i++) {
            ent *x = &e.v[i];
            bool strong = (x->code && *x->code) || (x->type == RIFT_ENT_PERSON && !is_lone(x));
            if (step == 0 && strong)
                x->actor = link_named(p, x);
            else if (step == 1 && !strong && !is_lone(x))
                x->actor = link_named(p, x);
            else if (step == 2 && is_lone(x))
                x->actor = link_lone(p, x, e.v, e.n, &mine);
            else
                continue;
            ok = x->actor > 0;
            if (ok && step < 2)
                RIFT_VEC_PUSH(mine, x->actor);
        }
        sort_unique(&mine);
    }
    if (ok)
        ok = save_article(p, aid, e.v, e.n, date);
    if (ok)
        grow_profiles(p, e.v, e.n);
    free_ents(e.v, e.n);
    free(e.v);
    free(mine.v);
    free(date);
    return ok ? RIFT_OK : RIFT_EIO;
}

/* name and type of an actor from its votes: the most frequent name, then
 * the longest, then the first in byte order; the most frequent type,
 * PERSON on a tie */
static bool rename_actor(pass *p, long long actor)
{
    db_stmt *s = p->s[A_NAMES];
    db_bind_int64(s, 1, actor);
    typedef struct vote { char *name; long long n; } vote;
    RIFT_VEC(vote) names = {0};
    long long types[4] = {0, 0, 0, 0};
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        const char *nm = db_column_text(s, 0);
        long long n = db_column_int64(s, 2);
        types[type_from_name(db_column_text(s, 1)) & 3] += n;
        size_t k = 0;
        while (k < names.n && strcmp(names.v[k].name, nm ? nm : ""))
            k++;
        if (k == names.n) {
            vote v = {rift_xstrdup(nm ? nm : ""), 0};
            RIFT_VEC_PUSH(names, v);
        }
        names.v[k].n += n;
    }
    db_reset(s);
    bool ok = rc == DB_DONE || (store_fail(p->st, "read actor names"), false);
    const vote *best = NULL;
    for (size_t k = 0; k < names.n; k++) {
        const vote *v = &names.v[k];
        size_t l = strlen(v->name), bl = best ? strlen(best->name) : 0;
        if (!best || v->n > best->n ||
            (v->n == best->n && (l > bl || (l == bl && strcmp(v->name, best->name) < 0))))
            best = v;
    }
    int type = RIFT_ENT_PERSON;
    for (int t = 0; t < 4; t++)
        if (types[t] > types[type])
            type = t;
    if (ok && best) {
        s = p->s[A_RENAME];
        db_bind_int64(s, 1, actor);
        store_bind_text(s, 2, best->name);
        store_bind_text(s, 3, rift_entity_type_name((rift_entity_type)type));
        ok = store_step_done(p->st, s);
    }
    for (size_t k = 0; k < names.n; k++)
        free(names.v[k].name);
    free(names.v);
    return ok;
}

/* A store whose actors were linked before actor_keys existed: the index
 * is filled once from the links it holds (every entity's keys point to
 * its actor), so that new entities find the old actors. */
static rift_status index_stored_links(pass *p)
{
    db_stmt *s = store_prep(p->st, "SELECT name, type, code, actor_id FROM entities"
                                   " WHERE actor_id IS NOT NULL ORDER BY actor_id");
    if (!s)
        return RIFT_EIO;
    bool ok = true;
    int rc;
    while (ok && (rc = db_step(s)) == DB_ROW) {
        ent x = {0};
        x.name = store_dup_col(s, 0);
        x.type = type_from_name(db_column_text(s, 1));
        x.code = store_dup_col(s, 2);
        x.key = corpus_fold_name(x.name ? x.name : "", &x.words);
        x.actor = db_column_int64(s, 3);
        if (x.code && *x.code)
            make_key(p, 'c', x.code, false);
        else if (is_lone(&x))
            make_key(p, 'n', x.key, false);
        else if (x.type == RIFT_ENT_PERSON)
            make_key(p, 'p', x.key, true);
        else
            make_key(p, x.type == RIFT_ENT_LOC ? 'l' : 'o', x.key, false);
        ok = put_key(p, x.actor);
        if (ok && !x.code && x.type != RIFT_ENT_PERSON && (x.words == 2 || x.words == 3)) {
            make_key(p, 'q', x.key, true);
            ok = put_key(p, x.actor);
        }
        if (ok && !(x.code && *x.code) && x.type == RIFT_ENT_PERSON && x.words >= 2) {
            const char *sp = strrchr(x.key, ' ');
            make_key(p, 's', sp ? sp + 1 : x.key, false);
            ok = put_key(p, x.actor);
        }
        if (ok) {
            db_stmt *v = p->s[A_VOTE];
            db_bind_int64(v, 1, x.actor);
            store_bind_text(v, 2, x.name ? x.name : "");
            store_bind_text(v, 3, rift_entity_type_name((rift_entity_type)x.type));
            ok = store_step_done(p->st, v);
        }
        free_ents(&x, 1);
    }
    if (ok && rc != DB_DONE)
        ok = (store_fail(p->st, "read entities"), false);
    db_finalize(s);
    return ok ? RIFT_OK : RIFT_EIO;
}

rift_status store_link_actors(rift_store *st, const void *unused)
{
    (void)unused;
    pass p = {.st = st};
    rift_strmap_init(&p.found);
    rift_strmap_init(&p.prof_of);
    rift_buf_init(&p.kb);
    bool unindexed = false;
    rift_status rs = store_pass_begin(st, actor_sql, A_N, p.s, "actors", "actor_names",
                                      &unindexed, &p.next_id);
    if (rs == RIFT_OK && unindexed)
        rs = index_stored_links(&p);
    if (rs == RIFT_OK)
        rs = store_each_pending(st, link_article, &p);
    sort_unique(&p.touched);
    for (size_t i = 0; i < p.touched.n && rs == RIFT_OK; i++)
        if (!rename_actor(&p, p.touched.v[i]))
            rs = RIFT_EIO;
    for (int i = 0; i < A_N; i++)
        db_finalize(p.s[i]);
    for (size_t i = 0; i < p.prof.n; i++) {
        for (size_t r = 0; r < p.prof.v[i].roles.n; r++)
            free(p.prof.v[i].roles.v[r]);
        free(p.prof.v[i].roles.v);
        free(p.prof.v[i].co.v);
        free(p.prof.v[i].count.v);
    }
    free(p.prof.v);
    free(p.touched.v);
    rift_strmap_free(&p.found);
    rift_strmap_free(&p.prof_of);
    rift_buf_free(&p.kb);
    return rs;
}
