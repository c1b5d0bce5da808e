/* actors.c: user actor lists (rift's own tab-separated format, or a
 * PETRARCH/Phoenix actor dictionary) added to a model before it is shared.
 * Never called once documents are being analysed; never prints.
 *
 * rift format (docs/entities.md): one actor per line, TAB-separated:
 *   NAME  TYPE  ALIASES(|-separated)  CODE  FROM  TO      (columns 3-6 optional)
 * PETRARCH: "PRIMARY_PHRASE_ [CODE]", "+SYNONYM_PHRASE", "\t[CODE FROM-TO]".
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one dated code of an actor: valid from..to (YYYY-MM-DD; NULL: open) */
typedef struct actor_period {
    const char *code, *from, *to;
} actor_period;

typedef struct actors {
    rift_arena names;
    RIFT_VEC(actor_period) periods; /* each actor's run: period0, n_periods */
    rift_strmap map;        /* folded name or alias -> actor index */
    RIFT_VEC(rift_actor) v;
    size_t max_words;
} actors;

static actors *get(rift_model *m)
{
    if (!m->actor_data) {
        actors *a = rift_xmalloc(sizeof *a);
        memset(a, 0, sizeof *a);
        rift_arena_init(&a->names);
        rift_strmap_init(&a->map);
        m->actor_data = a;
    }
    return m->actor_data;
}

void rift_actors_free(rift_model *m)
{
    actors *a = m->actor_data;
    if (!a)
        return;
    rift_arena_release(&a->names);
    rift_strmap_free(&a->map);
    free(a->v.v);
    free(a->periods.v);
    free(a);
    m->actor_data = NULL;
}

int32_t rift_actor_find(const rift_model *m, const char *s, size_t len)
{
    const actors *a = m->actor_data;
    return a ? rift_strmap_get(&a->map, s, len) : -1;
}

const rift_actor *rift_actor_get(const rift_model *m, int32_t i)
{
    const actors *a = m->actor_data;
    return a && i >= 0 && (size_t)i < a->v.n ? &a->v.v[i] : NULL;
}

const char *rift_actor_code_on(const rift_model *m, const rift_actor *ac, const char *date)
{
    const actors *a = m->actor_data;
    if (!a || !ac->n_periods)
        return ac->code;
    const char *undated = NULL;
    for (uint32_t i = 0; i < ac->n_periods; i++) {
        const actor_period *p = &a->periods.v[ac->period0 + i];
        if (!p->from && !p->to) {
            if (!undated)
                undated = p->code;
            continue;
        }
        /* ISO dates compare as strings; both limits are inclusive, and the
         * first listed range that holds the date wins */
        if (date && (!p->from || strcmp(date, p->from) >= 0) &&
            (!p->to || strcmp(date, p->to) <= 0))
            return p->code;
    }
    /* no range holds the date (or the article has none): the undated code,
     * else the last listed, which dictionaries keep for the latest office */
    return undated ? undated : a->periods.v[ac->period0 + ac->n_periods - 1].code;
}

size_t rift_actor_max_words(const rift_model *m)
{
    const actors *a = m->actor_data;
    return a ? a->max_words : 0;
}

size_t rift_phrase_key(const char *s, size_t n, char *key, size_t cap)
{
    size_t kl = 0;
    bool sp = true;
    for (size_t i = 0; i < n && kl + 1 < cap; i++) {
        char ch = s[i] == '_' ? ' ' : s[i];
        if (ch == ' ' || ch == '\t') {
            if (!sp)
                key[kl++] = ' ';
            sp = true;
            continue;
        }
        key[kl++] = ch;
        sp = false;
    }
    while (kl && key[kl - 1] == ' ')
        kl--;
    return kl;
}

/* Registers a phrase as a name of actor idx: underscores to spaces, runs
 * of blanks to one, trimmed, case and Unicode folded. */
static void add_alias(actors *a, int32_t idx, const char *s, size_t n)
{
    char buf[512];
    size_t k = rift_phrase_key(s, n, buf, sizeof buf);
    if (!k)
        return;
    rift_arena scratch;
    rift_arena_init(&scratch);
    size_t fl;
    char *f = rift_utf8_fold(&scratch, buf, k, &fl);
    rift_strmap_put(&a->map, f, fl, idx);
    size_t w = 1;
    for (size_t i = 0; i < fl; i++)
        w += f[i] == ' ';
    if (w > a->max_words)
        a->max_words = w;
    rift_arena_release(&scratch);
}

static int parse_type(const char *s, size_t n)
{
    static const char *const t[] = {"PERSON", "ORG", "OUTLET", "LOC"};
    for (int i = 0; i < 4; i++)
        if (strlen(t[i]) == n && !strncasecmp(s, t[i], n))
            return i;
    return -1;
}

/* Display name from a PETRARCH phrase: underscores to spaces, words
 * capitalised. */
static char *display(actors *a, const char *s, size_t n)
{
    char *r = rift_arena_strndup(&a->names, s, n);
    bool up = true;
    for (size_t i = 0; i < n; i++) {
        if (r[i] == '_')
            r[i] = ' ';
        if (r[i] == ' ') {
            up = true;
            continue;
        }
        if (r[i] >= 'A' && r[i] <= 'Z' && !up)
            r[i] = (char)(r[i] + 32);
        up = false;
    }
    while (n && r[n - 1] == ' ')
        r[--n] = '\0';
    return r;
}

static const char *date_of(actors *a, const char *s, size_t n)
{
    /* YYYYMMDD or YYMMDD -> YYYY-MM-DD */
    char d[16];
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return NULL;
    if (n == 8)
        snprintf(d, sizeof d, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    else if (n == 6)
        snprintf(d, sizeof d, "%s%.2s-%.2s-%.2s", (s[0] >= '5') ? "19" : "20", s, s + 2, s + 4);
    else
        return NULL;
    return rift_arena_strndup(&a->names, d, strlen(d));
}

static rift_status load_petrarch(rift_model *m, actors *a, FILE *f, const char *path)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int32_t cur = -1;
    long lineno = 0;
    while ((got = getline(&line, &cap, f)) > 0) {
        lineno++;
        size_t n = (size_t)got;
        char *hash = memchr(line, '#', n);
        if (hash)
            n = (size_t)(hash - line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        size_t i = 0;
        bool indented = n && (line[0] == '\t' || line[0] == ' ');
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i >= n)
            continue;
        char *semi = memchr(line + i, ';', n - i);
        if (semi)
            n = (size_t)(semi - line);
        while (n > i && line[n - 1] == ' ')
            n--;
        if (line[i] == '[' && indented && cur >= 0) {
            /* date restriction: [CODE FROM-TO] or [CODE >FROM] [CODE <TO] */
            char *close = memchr(line + i, ']', n - i);
            if (!close)
                continue;
            char code[64] = "", range[64] = "";
            char inner[160];
            size_t il = (size_t)(close - line) - i - 1;
            if (il >= sizeof inner)
                il = sizeof inner - 1;
            memcpy(inner, line + i + 1, il);
            inner[il] = '\0';
            /* the code, then the range with its blanks dropped ("> 140608") */
            sscanf(inner, "%63s", code);
            if (!*code)
                continue;
            size_t rl = 0;
            for (const char *q = strstr(inner, code) + strlen(code); *q && rl + 1 < sizeof range; q++)
                if (*q != ' ' && *q != '\t')
                    range[rl++] = *q;
            range[rl] = '\0';
            rift_actor *ac = &a->v.v[cur];
            actor_period p = {rift_arena_strndup(&a->names, code, strlen(code)), NULL, NULL};
            char *dash = strchr(range, '-');
            if (range[0] == '>') {
                p.from = date_of(a, range + 1, strlen(range + 1));
            } else if (range[0] == '<') {
                p.to = date_of(a, range + 1, strlen(range + 1));
            } else if (dash) {
                p.from = date_of(a, range, (size_t)(dash - range));
                p.to = date_of(a, dash + 1, strlen(dash + 1));
            }
            /* a range that is not a date (published dictionaries hold a few
             * typos such as >201005011) never applies: the line is skipped */
            if (*range && !p.from && !p.to)
                continue;
            if (!ac->n_periods)
                ac->period0 = (uint32_t)a->periods.n;
            /* a run of periods is contiguous: this line follows the actor */
            if (ac->period0 + ac->n_periods == a->periods.n) {
                RIFT_VEC_PUSH(a->periods, p);
                ac->n_periods++;
            }
            if (!ac->code || (!p.from && !p.to))
                ac->code = p.code; /* the undated code names the actor */
            ac->from = p.from;
            ac->to = p.to;
            continue;
        }
        if (line[i] == '+' && cur >= 0) {
            add_alias(a, cur, line + i + 1, n - i - 1);
            continue;
        }
        if (line[i] == '[' || line[i] == '<' || line[i] == '{')
            continue; /* codes of a block, agent markers: not used */
        /* primary phrase with an optional [CODE] */
        char *br = memchr(line + i, '[', n - i);
        size_t pe = br ? (size_t)(br - line) : n;
        while (pe > i && (line[pe - 1] == ' ' || line[pe - 1] == '\t'))
            pe--;
        if (pe == i) {
            snprintf(m->errmsg, sizeof m->errmsg, "%.400s:%ld: no actor phrase", path, lineno);
            free(line);
            return RIFT_EFORMAT;
        }
        rift_actor ac = {0};
        ac.type = RIFT_ENT_PERSON;
        ac.name = display(a, line + i, pe - i);
        if (br) {
            char *close = memchr(br, ']', (size_t)(line + n - br));
            if (close && close > br + 1) {
                ac.code = rift_arena_strndup(&a->names, br + 1, (size_t)(close - br - 1));
                /* country and group codes are not persons */
                if (strlen(ac.code) <= 3 || ac.code[3] == 'G' || ac.code[3] == 'M')
                    ac.type = RIFT_ENT_ORG;
            }
        }
        if (ac.code) { /* the primary phrase's code: the default of its dated codes */
            actor_period p = {ac.code, NULL, NULL};
            ac.period0 = (uint32_t)a->periods.n;
            ac.n_periods = 1;
            RIFT_VEC_PUSH(a->periods, p);
        }
        RIFT_VEC_PUSH(a->v, ac);
        cur = (int32_t)(a->v.n - 1);
        add_alias(a, cur, line + i, pe - i);
    }
    free(line);
    return RIFT_OK;
}

static rift_status load_rift(rift_model *m, actors *a, FILE *f, const char *path)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    while ((got = getline(&line, &cap, f)) > 0) {
        lineno++;
        size_t n = (size_t)got;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        line[n] = '\0';
        if (!n || line[0] == '#')
            continue;
        char *col[6] = {0};
        size_t nc = 0;
        char *p = line;
        while (nc < 6) {
            col[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nc < 2 || !*col[0]) {
            snprintf(m->errmsg, sizeof m->errmsg,
                     "%.400s:%ld: want NAME<TAB>TYPE[<TAB>ALIASES<TAB>CODE<TAB>FROM<TAB>TO]",
                     path, lineno);
            free(line);
            return RIFT_EFORMAT;
        }
        int type = parse_type(col[1], strlen(col[1]));
        if (type < 0) {
            snprintf(m->errmsg, sizeof m->errmsg,
                     "%.400s:%ld: type must be PERSON, ORG, OUTLET or LOC, not '%.40s'",
                     path, lineno, col[1]);
            free(line);
            return RIFT_EFORMAT;
        }
        rift_actor ac = {0};
        ac.type = (uint8_t)type;
        ac.name = rift_arena_strndup(&a->names, col[0], strlen(col[0]));
        if (nc > 3 && *col[3])
            ac.code = rift_arena_strndup(&a->names, col[3], strlen(col[3]));
        if (nc > 4 && *col[4])
            ac.from = rift_arena_strndup(&a->names, col[4], strlen(col[4]));
        if (nc > 5 && *col[5])
            ac.to = rift_arena_strndup(&a->names, col[5], strlen(col[5]));
        RIFT_VEC_PUSH(a->v, ac);
        int32_t idx = (int32_t)(a->v.n - 1);
        add_alias(a, idx, col[0], strlen(col[0]));
        if (nc > 2) {
            char *s = col[2];
            while (*s) {
                char *bar = strchr(s, '|');
                size_t l = bar ? (size_t)(bar - s) : strlen(s);
                add_alias(a, idx, s, l);
                if (!bar)
                    break;
                s = bar + 1;
            }
        }
    }
    free(line);
    return RIFT_OK;
}

/* A PETRARCH file has phrases with underscores and [CODE] brackets, and no
 * TAB-separated type column. */
static bool looks_petrarch(FILE *f)
{
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    rewind(f);
    bool bracket = false, typecol = false;
    for (char *l = buf; l && *l; ) {
        char *nl = strchr(l, '\n');
        if (*l != '#' && *l != '\n') {
            if (strchr(l, '[') && (!nl || strchr(l, '[') < nl))
                bracket = true;
            char *tab = strchr(l, '\t');
            if (tab && (!nl || tab < nl) && tab != l && parse_type(tab + 1, strcspn(tab + 1, "\t\n")) >= 0)
                typecol = true;
        }
        l = nl ? nl + 1 : NULL;
    }
    return bracket && !typecol;
}

rift_status rift_model_add_actors(rift_model *m, const char *path)
{
    if (!m || !path)
        return RIFT_EINVAL;
    FILE *f = rift_data_open(path, m->errmsg, sizeof m->errmsg);
    if (!f)
        return RIFT_EIO;
    actors *a = get(m);
    rift_status st = looks_petrarch(f) ? load_petrarch(m, a, f, path)
                                       : load_rift(m, a, f, path);
    fclose(f);
    return st;
}
