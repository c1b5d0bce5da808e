/* ner_feat.c: the name recogniser's atoms and feature templates: the word,
 * its shape and affixes, its tags and tree, the case of its sentence, and
 * rift's lexicons as evidence.  Shared by the stage and the trainer.
 */
#include "ner_int.h"

#include <string.h>

/* a string hashed under a template id */
static uint64_t hs(uint64_t id, const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull ^ id;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001B3ull;
    }
    return tg_fin(h ^ n);
}

static bool ascii_of(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static size_t lower_into(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
    }
    return n;
}

/* the entry index of s[0..n) in lx (folded), -1 */
static int lex_find(const rift_lexicon *lx, const char *s, size_t n, rift_arena *scratch)
{
    if (!lx || !n)
        return -1;
    if (ascii_of(s, n)) {
        char b[256];
        if (n > sizeof b)
            return -1;
        return rift_lexicon_find(lx, b, lower_into(s, n, b));
    }
    return rift_lexicon_lookup(lx, scratch, s, n);
}

static void add_lexf(ner_tok *t, uint64_t h)
{
    if (t->nlexf < NER_MAX_LEXF)
        t->lexf[t->nlexf++] = h;
}

/* feature for an entry of lexicon `id` with its value (column 2) */
static void lex_value(ner_tok *t, unsigned id, const rift_lexicon *lx, int e)
{
    const char *v = lx->values && lx->values[e] ? lx->values[e] : "";
    add_lexf(t, hs(0x1E40 + id, v, strlen(v) < 12 ? strlen(v) : 12));
}

static bool cap_word(const rift_sw *w)
{
    unsigned char c = (unsigned char)w->norm[0];
    return ((unsigned)(c - 'A') < 26u) || c >= 0xC3;
}

static bool joiner(const rift_sw *w)
{
    static const char *const j[] = {"of", "the", "and", "&", "de", "for", "on", "-", "'s"};
    for (size_t k = 0; k < sizeof j / sizeof *j; k++)
        if (!strcmp(w->norm, j[k]))
            return true;
    return false;
}

#define GAZ_MAX 6

/* Longest matches of the place, organisation and outlet lexicons starting
 * at capitalised words: each word of a match gets (lexicon, part, value). */
static void gazetteers(const ner_lex *lx, const rift_sw *w, size_t n, ner_tok *t,
                       rift_arena *scratch)
{
    const rift_lexicon *gz[3] = {lx->outlets, lx->orgs, lx->places};
    char key[512];
    for (size_t i = 0; i < n;) {
        if (!cap_word(&w[i])) {
            i++;
            continue;
        }
        size_t best = 0;
        int which = -1, entry = -1;
        size_t kl = 0;
        for (size_t j = i; j < n && j < i + GAZ_MAX; j++) {
            if (j > i && !cap_word(&w[j]) && !joiner(&w[j]))
                break;
            if (kl + w[j].nlen + 1 >= sizeof key)
                break;
            if (j > i)
                key[kl++] = ' ';
            memcpy(key + kl, w[j].norm, w[j].nlen);
            kl += w[j].nlen;
            if (!cap_word(&w[j]))
                continue;
            for (int g = 0; g < 3; g++) {
                int e = lex_find(gz[g], key, kl, scratch);
                if (e >= 0) {
                    best = j + 1 - i;
                    which = g;
                    entry = e;
                    break;
                }
            }
        }
        if (!best) {
            i++;
            continue;
        }
        const char *v = gz[which]->values && gz[which]->values[entry] &&
                        which == 2 ? gz[which]->values[entry] : "";
        uint64_t vh = hs(0x6A2, v, strlen(v) < 12 ? strlen(v) : 12);
        for (size_t k = i; k < i + best; k++) {
            unsigned part = best == 1 ? NER_U : k == i ? NER_B : k + 1 == i + best ? NER_L : NER_I;
            add_lexf(&t[k], tg_mix(0x6A20 + (uint64_t)which * 8 + part, vh));
        }
        i += best;
    }
}

static uint64_t shape_of(const char *s, size_t n, bool brief)
{
    char b[16];
    size_t o = 0;
    for (size_t i = 0; i < n && o < sizeof b; i++) {
        unsigned char c = (unsigned char)s[i];
        char k = (unsigned)(c - 'A') < 26u ? 'X' : (unsigned)(c - 'a') < 26u ? 'x' : (unsigned)(c - '0') < 10u ? 'd' :
                 c >= 0x80 ? 'u' : (char)c;
        if (c >= 0x80 && (c & 0xC0) == 0x80)
            continue;
        if (brief && o && b[o - 1] == k)
            continue;
        b[o++] = k;
    }
    return hs(brief ? 0x5A : 0x5B, b, o);
}

void ner_prepare(const ner_lex *lx, const rift_sw *w, size_t n, ner_tok *t,
                 rift_arena *scratch)
{
    size_t caps = 0, upper = 0, words = 0;
    for (size_t i = 0; i < n; i++) {
        ner_tok *k = &t[i];
        memset(k, 0, sizeof *k);
        const char *s = w[i].norm;
        size_t len = w[i].nlen;
        char low[RIFT_SW_NORM];
        lower_into(s, len, low);
        k->lw = hs(1, low, len);
        k->cw = hs(2, s, len);
        k->shape = shape_of(s, len, false);
        k->sshape = shape_of(s, len, true);
        for (size_t a = 0; a < 3; a++) {
            size_t m = a + 2;
            k->suf[a] = len > m ? hs(10 + a, low + len - m, m) : 0;
        }
        for (size_t a = 0; a < 2; a++) {
            size_t m = a + 2;
            k->pre[a] = len > m ? hs(20 + a, low, m) : 0;
        }
        k->lemma = w[i].lemma ? hs(3, w[i].lemma, strlen(w[i].lemma)) : 0;
        k->upos = w[i].upos;
        k->xpos = w[i].xpos;
        const char *dr = w[i].deprel ? w[i].deprel : "";
        k->dep = hs(4, dr, strlen(dr));
        bool alpha = false, allcap = true;
        for (size_t j = 0; j < len; j++) {
            unsigned char c = (unsigned char)s[j];
            if ((unsigned)(c - 'a') < 26u)
                allcap = false, alpha = true;
            else if ((unsigned)(c - 'A') < 26u)
                alpha = true;
            else if ((unsigned)(c - '0') < 10u)
                k->flags |= NER_F_DIGIT;
        }
        if (cap_word(&w[i]))
            k->flags |= NER_F_UPPER;
        if (alpha && allcap && len >= 2)
            k->flags |= NER_F_ALLCAP;
        if (alpha) {
            words++;
            upper += (k->flags & NER_F_UPPER) != 0;
            caps += (k->flags & NER_F_ALLCAP) != 0;
        }
        /* single words in the lexicons, with their class */
        int e;
        if ((k->flags & NER_F_UPPER) && (e = lex_find(lx->first, s, len, scratch)) >= 0)
            lex_value(k, 0, lx->first, e);
        if ((e = lex_find(lx->titles, s, len, scratch)) >= 0)
            lex_value(k, 1, lx->titles, e);
        if ((e = lex_find(lx->orgw, s, len, scratch)) >= 0)
            lex_value(k, 2, lx->orgw, e);
        if ((e = lex_find(lx->demonyms, s, len, scratch)) >= 0)
            add_lexf(k, 0xDE30);
        if ((e = lex_find(lx->pnouns, s, len, scratch)) >= 0)
            add_lexf(k, 0x9E20);
        if ((e = lex_find(lx->nonnames, s, len, scratch)) >= 0)
            lex_value(k, 3, lx->nonnames, e);
    }
    for (size_t i = 0; i < n; i++) {
        int32_t h = w[i].head;
        if (h >= 0 && (size_t)h < n) {
            t[i].head_lw = tg_mix(t[h].lw, t[i].dep);
            t[i].head_pos = tg_mix((uint64_t)w[h].upos + 1000, t[i].dep);
        } else {
            t[i].head_lw = t[i].head_pos = tg_mix(999, t[i].dep);
        }
        if (words >= 3 && upper * 4 >= words * 3)
            t[i].flags |= NER_F_HEADLINE;
        if (words >= 2 && caps * 4 >= words * 3)
            t[i].flags |= NER_F_CAPS_LINE;
    }
    if (n)
        t[0].flags |= NER_F_FIRST;
    gazetteers(lx, w, n, t, scratch);
}

#define F(id, v) (f[k++] = tg_mix((uint64_t)(id), (v)))

size_t ner_static_features(const ner_tok *t, size_t n, size_t i, uint64_t *f)
{
    size_t k = 0;
    const ner_tok *c = &t[i];
    const ner_tok *p = i > 0 ? &t[i - 1] : NULL, *q = i + 1 < n ? &t[i + 1] : NULL;
    const ner_tok *p2 = i > 1 ? &t[i - 2] : NULL, *q2 = i + 2 < n ? &t[i + 2] : NULL;
    uint64_t none = 0x4E4F4E45ull;
    uint64_t ctx = c->flags & (NER_F_FIRST | NER_F_HEADLINE | NER_F_CAPS_LINE | NER_F_LOWER_SEEN);
    F(100, 1);
    F(101, c->lw);
    F(102, c->cw);
    F(103, p ? p->lw : none);
    F(104, q ? q->lw : none);
    F(105, p2 ? p2->lw : none);
    F(106, q2 ? q2->lw : none);
    F(107, tg_mix(p ? p->lw : none, c->lw));
    F(108, tg_mix(c->lw, q ? q->lw : none));
    F(109, c->shape);
    F(110, tg_mix(p ? p->sshape : none, c->sshape));
    F(111, tg_mix(c->sshape, q ? q->sshape : none));
    F(112, tg_mix(ctx, c->sshape));
    F(113, tg_mix(ctx, c->lw));
    for (size_t a = 0; a < 3; a++)
        if (c->suf[a])
            F(120 + a, c->suf[a]);
    for (size_t a = 0; a < 2; a++)
        if (c->pre[a])
            F(125 + a, c->pre[a]);
    F(130, c->upos);
    F(131, c->xpos);
    F(132, tg_mix(p ? p->upos : 99, c->upos));
    F(133, tg_mix(c->upos, q ? q->upos : 99));
    F(134, tg_mix(tg_mix(p ? p->xpos : 99, c->xpos), q ? q->xpos : 99));
    F(135, c->dep);
    F(136, c->head_lw);
    F(137, c->head_pos);
    F(138, tg_mix(c->dep, c->sshape));
    F(139, c->lemma);
    F(140, tg_mix(c->xpos, ctx));
    F(141, tg_mix(p ? p->lw : none, c->sshape));
    F(142, tg_mix(c->sshape, q ? q->lw : none));
    for (size_t a = 0; a < c->nlexf; a++)
        F(150, c->lexf[a]);
    for (size_t a = 0; p && a < p->nlexf; a++)
        F(151, p->lexf[a]);
    for (size_t a = 0; q && a < q->nlexf; a++)
        F(152, q->lexf[a]);
    for (size_t a = 0; a < c->nlexf; a++)
        F(153, tg_mix(c->lexf[a], ctx));
    F(160, c->rule);
    F(161, tg_mix(c->rule, c->sshape));
    F(162, tg_mix(p ? p->rule : none, c->rule));
    F(163, tg_mix(c->rule, q ? q->rule : none));
    F(164, tg_mix(c->rule, ctx));
    return k;
}

size_t ner_dynamic_features(const ner_tok *t, size_t i, int p1, int p2, uint64_t *f)
{
    size_t k = 0;
    const ner_tok *c = &t[i];
    F(200, (uint64_t)(p1 + 1));
    F(201, (uint64_t)((p1 + 1) * 64 + p2 + 1));
    F(202, tg_mix((uint64_t)(p1 + 1), c->lw));
    F(203, tg_mix((uint64_t)(p1 + 1), c->sshape));
    F(204, tg_mix((uint64_t)(p1 + 1), c->upos));
    return k;
}

void ner_mark_lower(ner_tok *t, size_t n, rift_arena *scratch)
{
    size_t cap = 64;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *set = rift_arena_alloc(scratch, cap * sizeof *set);
    for (size_t i = 0; i < n; i++) {
        if (t[i].flags & (NER_F_UPPER | NER_F_DIGIT))
            continue;
        uint64_t h = t[i].lw | 1;
        size_t s = (size_t)h & (cap - 1);
        while (set[s] && set[s] != h)
            s = (s + 1) & (cap - 1);
        set[s] = h;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & NER_F_UPPER))
            continue;
        uint64_t h = t[i].lw | 1;
        for (size_t s = (size_t)h & (cap - 1); set[s]; s = (s + 1) & (cap - 1))
            if (set[s] == h) {
                t[i].flags |= NER_F_LOWER_SEEN;
                break;
            }
    }
}

void ner_lex_from_model(const rift_model *m, ner_lex *lx)
{
    lx->first = rift_model_lexicon(m, "first_names");
    lx->titles = rift_model_lexicon(m, "titles");
    lx->orgw = rift_model_lexicon(m, "org_words");
    lx->demonyms = rift_model_lexicon(m, "demonyms");
    lx->pnouns = rift_model_lexicon(m, "person_nouns");
    lx->nonnames = rift_model_lexicon(m, "nonnames");
    lx->places = rift_model_lexicon(m, "places");
    lx->orgs = rift_model_lexicon(m, "orgs");
    lx->outlets = rift_model_lexicon(m, "outlets");
}
