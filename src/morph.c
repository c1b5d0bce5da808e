/* morph.c: lemmas and UD features of tagged words, from a table of known
 * words and suffix rules learned from the UD treebanks (train_morph.c).
 *
 * A lemma is an edit of the word's base: strip the last `strip` bytes,
 * append a string ("was" -> strip 3, append "be").  The base is the
 * normal form, lower-cased except for proper nouns (NNP, NNPS), whose UD
 * English lemmas keep their case; a word whose normal form was cut short
 * or has an em dash or an ellipsis uses its whole form (morph_whole).
 * A word is looked up in order:
 *   1. the word table, key (lower-cased norm, upos, xpos): its edit and/or
 *      its features where the rules below would be wrong;
 *   2. lemma rules, key (xpos, last L bytes of the lower-cased norm), the
 *      longest L (5..0) present whose lemma is a known one (key 'K' with
 *      the lemma: one of training) wins, else the longest;
 *   3. feature rules, key (upos, xpos, last L bytes), the same way.
 * The features of a word of a contextual class (upos, xpos) are chosen
 * among the class's candidates (those the word had in training, when
 * known) by a perceptron over its context (morph_ctx.c).
 *
 * File format (little-endian, read as is on a little-endian host):
 *   "RIFTMOR\0"  u32 version  u32 pool_bytes  u32 n_edits  u32 n_feats
 *   u32 n_slots (a power of two)  u32 reserved           (a 32-byte header)
 *   pool        pool_bytes of NUL-terminated strings (starts with "")
 *   edits       n_edits x (u32 pool offset of the appended string, u32 strip)
 *   feats       n_feats x u32 pool offset of a features string; id 0 = none
 *   slots       n_slots x (u64 key, u16 edit, u16 feats, u32 mask)  open
 *               addressing, linear probing from key & (n_slots-1); key 0 =
 *               empty; MORPH_NONE = no value here; mask: see morph_slot
 *   u32 n_ctx  u32 n_fslots (a power of two)  u32 n_fpairs  u32 reserved
 *   ctx         n_ctx x morph_ctx_class (68 bytes: u8 upos, xpos, n, 0,
 *               u16 cand[32])
 *   fslots      n_fslots x (u32 key, u32 start<<8 | count)  as the tagger's
 *   fpairs      n_fpairs x (u16 candidate index, i16 weight)
 * Keys are rift_hash of the bytes  'W' upos xpos lnorm  |  'L' xpos suffix
 * |  'F' upos xpos suffix  |  'K' 0 0 lemma  (morph_key below), with bit 0
 * set.
 */
#include "morph_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t morph_key(char kind, unsigned a, unsigned b, const char *s, size_t n)
{
    unsigned char buf[3 + RIFT_SW_NORM];
    size_t k = 0;
    buf[k++] = (unsigned char)kind;
    buf[k++] = (unsigned char)a;
    if (kind != 'L')
        buf[k++] = (unsigned char)b;
    if (n > RIFT_SW_NORM)
        n = RIFT_SW_NORM;
    memcpy(buf + k, s, n);
    return rift_hash(buf, k + n) | 1u;
}

size_t morph_lower(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = '\0';
    return n;
}

bool morph_whole(const rift_sw *x)
{
    if (x->len > x->nlen && x->nlen + 4 >= RIFT_SW_NORM)
        return true;
    /* UD English keeps em dashes and ellipses in lemmas (curly quotes and
     * en dashes become ASCII, as in the norm) */
    for (size_t i = 0; i + 2 < x->len; i++)
        if ((unsigned char)x->form[i] == 0xE2 && (unsigned char)x->form[i + 1] == 0x80) {
            unsigned char c = (unsigned char)x->form[i + 2];
            if (c == 0x94 || c == 0x95 || c == 0xA6)
                return true;
        }
    return false;
}

bool morph_proper(unsigned xpos)
{
    const char *x = rift_xpos_name(xpos);
    return strcmp(x, "NNP") == 0 || strcmp(x, "NNPS") == 0;
}

static rift_status fail(char *err, size_t errn, const char *path,
                        const char *why, rift_status st)
{
    if (err && errn)
        snprintf(err, errn, "%s: %s", path, why);
    return st;
}

void rift_morph_free(rift_morph *m)
{
    if (!m)
        return;
    free(m->pool);
    free(m->edits);
    free(m->feats);
    free(m->slots);
    free(m->ctx);
    free(m->fslots);
    free(m->fpairs);
    free(m);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

rift_status rift_morph_load(const char *path, rift_morph **out,
                            char *err, size_t errn)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, errn, path, strerror(errno), RIFT_EIO);
    rift_morph *m = rift_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    unsigned char h[32];
    const char *why = "truncated file";
    if (fread(h, 1, sizeof h, f) != sizeof h)
        goto bad;
    why = "not a rift morphology model";
    if (memcmp(h, MORPH_MAGIC, 8) != 0 || rd32(h + 8) != MORPH_VERSION)
        goto bad;
    m->pool_n = rd32(h + 12);
    m->n_edits = rd32(h + 16);
    m->n_feats = rd32(h + 20);
    m->n_slots = rd32(h + 24);
    why = "bad sizes";
    if (m->pool_n == 0 || m->pool_n > (1u << 26) || m->n_edits == 0 ||
        m->n_edits >= MORPH_NONE || m->n_feats == 0 || m->n_feats >= MORPH_NONE ||
        m->n_slots == 0 || (m->n_slots & (m->n_slots - 1)) ||
        m->n_slots > (1u << 24))
        goto bad;
    m->mask = m->n_slots - 1;
    /* the first part's sizes must fit in the file before anything is
     * allocated (the context model's are checked the same way below) */
    uint64_t want = 32 + (uint64_t)m->pool_n + 8 * (uint64_t)m->n_edits +
                    4 * (uint64_t)m->n_feats + sizeof(morph_slot) * (uint64_t)m->n_slots + 16;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    why = "truncated file";
    if (size < 0 || fseek(f, 32, SEEK_SET) != 0 || (uint64_t)size < want)
        goto bad;
    m->pool = rift_xmalloc(m->pool_n);
    m->edits = rift_xmalloc((size_t)m->n_edits * 2 * sizeof(uint32_t));
    m->feats = rift_xmalloc((size_t)m->n_feats * sizeof(uint32_t));
    m->slots = rift_xmalloc((size_t)m->n_slots * sizeof(morph_slot));
    why = "truncated file";
    if (fread(m->pool, 1, m->pool_n, f) != m->pool_n ||
        fread(m->edits, sizeof(uint32_t), 2 * (size_t)m->n_edits, f) != 2 * (size_t)m->n_edits ||
        fread(m->feats, sizeof(uint32_t), m->n_feats, f) != m->n_feats ||
        fread(m->slots, sizeof(morph_slot), m->n_slots, f) != m->n_slots)
        goto bad;
    unsigned char h2[16];
    why = "truncated file";
    if (fread(h2, 1, sizeof h2, f) != sizeof h2)
        goto bad;
    m->n_ctx = rd32(h2);
    m->n_fslots = rd32(h2 + 4);
    m->n_fpairs = rd32(h2 + 8);
    why = "bad sizes";
    if (m->n_ctx > MORPH_MAX_CTX || m->n_fslots == 0 ||
        (m->n_fslots & (m->n_fslots - 1)) || m->n_fslots > (1u << 24) ||
        m->n_fpairs > (1u << 24))
        goto bad;
    m->fmask = m->n_fslots - 1;
    why = (uint64_t)size < want + sizeof(morph_ctx_class) * (uint64_t)m->n_ctx +
                               8 * (uint64_t)m->n_fslots + 4 * (uint64_t)m->n_fpairs
              ? "truncated file" : "trailing bytes";
    if ((uint64_t)size != want + sizeof(morph_ctx_class) * (uint64_t)m->n_ctx +
                              8 * (uint64_t)m->n_fslots + 4 * (uint64_t)m->n_fpairs)
        goto bad;
    m->ctx = rift_xmalloc((m->n_ctx + 1) * sizeof *m->ctx);
    m->fslots = rift_xmalloc((size_t)m->n_fslots * 2 * sizeof(uint32_t));
    m->fpairs = rift_xmalloc(((size_t)m->n_fpairs + 1) * sizeof *m->fpairs);
    why = "truncated file";
    if (fread(m->ctx, sizeof *m->ctx, m->n_ctx, f) != m->n_ctx ||
        fread(m->fslots, sizeof(uint32_t), 2 * (size_t)m->n_fslots, f) != 2 * (size_t)m->n_fslots ||
        fread(m->fpairs, sizeof *m->fpairs, m->n_fpairs, f) != m->n_fpairs)
        goto bad;
    why = "trailing bytes";
    if (fgetc(f) != EOF)
        goto bad;
    why = "bad string pool";
    if (m->pool[m->pool_n - 1] != '\0' || m->pool[0] != '\0')
        goto bad;
    for (uint32_t e = 0; e < m->n_edits; e++)
        if (m->edits[2 * e] >= m->pool_n || m->edits[2 * e + 1] > 255)
            goto bad;
    for (uint32_t e = 0; e < m->n_feats; e++)
        if (m->feats[e] >= m->pool_n)
            goto bad;
    why = "bad table";
    uint32_t used = 0;
    for (uint32_t s = 0; s < m->n_slots; s++) {
        const morph_slot *x = &m->slots[s];
        if (!x->key)
            continue;
        used++;
        if ((x->edit != MORPH_NONE && x->edit >= m->n_edits) ||
            (x->feats != MORPH_NONE && x->feats >= m->n_feats))
            goto bad;
    }
    if (used >= m->n_slots)
        goto bad;
    why = "bad context model";
    memset(m->ctx_of, 0xFF, sizeof m->ctx_of);
    for (uint32_t c = 0; c < m->n_ctx; c++) {
        morph_ctx_class *x = &m->ctx[c];
        if (x->upos >= RIFT_N_UPOS || x->xpos >= RIFT_N_XPOS || x->n == 0 ||
            x->n > MORPH_CAND)
            goto bad;
        for (unsigned k = 0; k < x->n; k++)
            if (x->cand[k] >= m->n_feats)
                goto bad;
        m->ctx_of[x->upos][x->xpos] = (uint8_t)c;
    }
    used = 0;
    for (uint32_t s = 0; s < m->n_fslots; s++) {
        uint32_t key = m->fslots[2 * s], v = m->fslots[2 * s + 1];
        if (!key)
            continue;
        used++;
        if ((uint64_t)(v >> 8) + (v & 0xFF) > m->n_fpairs)
            goto bad;
    }
    if (used >= m->n_fslots)
        goto bad;
    for (uint32_t p = 0; p < m->n_fpairs; p++)
        if (m->fpairs[p].cand >= MORPH_CAND)
            goto bad;
    fclose(f);
    *out = m;
    return RIFT_OK;
bad:
    fclose(f);
    rift_morph_free(m);
    return fail(err, errn, path, why, RIFT_EFORMAT);
}

static const morph_slot *lookup(const rift_morph *m, uint64_t key)
{
    for (uint32_t s = (uint32_t)key & m->mask;; s = (s + 1) & m->mask) {
        const morph_slot *x = &m->slots[s];
        if (x->key == key)
            return x;
        if (!x->key)
            return NULL;
    }
}

/* whether base[0..keep) + app is a lemma seen in training */
static bool known_lemma(const rift_morph *m, const char *base, size_t keep,
                        uint32_t edit)
{
    const char *app = m->pool + m->edits[2 * edit];
    size_t an = strlen(app);
    char buf[2 * RIFT_SW_NORM];
    if (keep + an > sizeof buf)
        return false;
    memcpy(buf, base, keep);
    memcpy(buf + keep, app, an);
    return lookup(m, morph_key('K', 0, 0, buf, keep + an)) != NULL;
}

/* The edit of the suffix rules: the longest rule whose lemma is one seen
 * in training ("timed": not "tim" but "time"), else the longest rule. */
static unsigned rule_edit(const rift_morph *m, const rift_sw *x, const char *low,
                          size_t ln)
{
    unsigned xp = x->xpos, first = MORPH_NONE;
    bool check = !morph_proper(xp) && !morph_whole(x);
    for (size_t L = ln < MORPH_SUFFIX ? ln : (size_t)MORPH_SUFFIX;; L--) {
        const morph_slot *s = lookup(m, morph_key('L', xp, 0, low + ln - L, L));
        if (s && s->edit != MORPH_NONE) {
            if (!check)
                return s->edit;
            if (first == MORPH_NONE)
                first = s->edit;
            size_t strip = m->edits[2 * s->edit + 1];
            if (strip <= ln && known_lemma(m, low, ln - strip, s->edit))
                return s->edit;
        }
        if (L == 0)
            break;
    }
    return first == MORPH_NONE ? 0 : first;
}

void rift_morph_run(const rift_morph *m, rift_sw *w, size_t n, rift_arena *arena)
{
    char low[RIFT_SW_NORM];
    for (size_t i = 0; i < n; i++) {
        rift_sw *x = &w[i];
        size_t ln = morph_lower(x->norm, x->nlen, low);
        unsigned up = x->upos, xp = x->xpos;
        unsigned edit = MORPH_NONE, feats = MORPH_NONE;
        uint32_t cmask = 0;
        const morph_slot *s = lookup(m, morph_key('W', up, xp, low, ln));
        if (s) {
            edit = s->edit;
            feats = s->feats;
            cmask = s->mask;
        }
        unsigned ctx = up < RIFT_N_UPOS && xp < RIFT_N_XPOS ? m->ctx_of[up][xp] : 0xFF;
        if (ctx != 0xFF) {
            const morph_ctx_class *cc = &m->ctx[ctx];
            uint32_t all = cc->n == MORPH_CAND ? 0xFFFFFFFFu : (1u << cc->n) - 1;
            cmask &= all;
            if (!cmask)
                cmask = all;
            unsigned c = (cmask & (cmask - 1)) == 0 ? (unsigned)__builtin_ctz(cmask)
                         : morph_ctx_choose(m, w, n, i, ctx, cmask);
            feats = cc->cand[c < cc->n ? c : 0];
        }
        if (edit == MORPH_NONE)
            edit = rule_edit(m, x, low, ln);
        for (size_t L = ln < MORPH_SUFFIX ? ln : (size_t)MORPH_SUFFIX; feats == MORPH_NONE; L--) {
            s = lookup(m, morph_key('F', up, xp, low + ln - L, L));
            if (s && s->feats != MORPH_NONE)
                feats = s->feats;
            if (L == 0)
                break;
        }
        x->feats = NULL;
        if (feats != MORPH_NONE && feats != 0)
            x->feats = m->pool + m->feats[feats];
        /* the base and its edit */
        if (edit == MORPH_NONE)
            edit = 0;
        const char *app = m->pool + m->edits[2 * edit];
        size_t strip = m->edits[2 * edit + 1];
        const char *base = morph_proper(xp) ? x->norm : low;
        size_t bn = x->nlen;
        bool whole = morph_whole(x);
        if (whole) {
            base = x->form;
            bn = x->len;
        }
        if (strip > bn) {
            strip = 0;
            app = "";
        }
        size_t an = strlen(app);
        if (strip == bn) {
            x->lemma = app;
            continue;
        }
        size_t keep = bn - strip;
        char *l = rift_arena_alloc_raw(arena, keep + an + 1);
        if (whole && !morph_proper(xp))
            morph_lower(base, keep, l);
        else
            memcpy(l, base, keep);
        memcpy(l + keep, app, an + 1);
        x->lemma = l;
    }
}
