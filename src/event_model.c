/* event_model.c: the events stage's model: pattern files (event_verbs.txt,
 * event_nouns.txt), actor codes, CAMEO codings and the combined lexicon. */
#include "event_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const EL_FILES[EL_N] = {
    "event_agent_mods", "fw_event_clause_words", "fw_event_negations",
    "fw_event_determiners", "fw_event_prepositions", "event_participles",
    "event_group_heads", "fw_event_subject_pronouns", "event_claim_verbs",
    "event_plan_nouns", "fw_event_passive_aux", "fw_event_passive_skip",
    "fw_event_counted", "fw_event_topic_preps", "fw_event_conditionals",
    "event_aim_nouns", "fw_event_aux_before", "fw_event_future", "fw_event_modal_skip",
    "event_intend_words", "event_refuse_words"};

typedef struct fw_ctx { rift_strmap *m; int bit; } fw_ctx;

static void fw_one(void *vc, const char *key, size_t n, int value)
{
    fw_ctx *x = vc;
    (void)value;
    int v = rift_strmap_get(x->m, key, n);
    rift_strmap_put(x->m, key, n, (v < 0 ? 0 : v) | x->bit);
}

static void fw_add(rift_strmap *m, const rift_lexicon *lx, int bit)
{
    fw_ctx x = {m, bit};
    rift_strmap_each(&lx->map, fw_one, &x);
}

/* Bit of a first word for the quick "may start an actor phrase" filter. */
static unsigned afirst_bit(const char *w, size_t n)
{
    unsigned a = (unsigned char)w[0] & 31, b = n > 1 ? (unsigned char)w[1] & 31 : 0;
    return (a << 10) | (b << 5) | (unsigned)(n > 31 ? 31 : n);
}

size_t rift_ev_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            ch = '\'';
            i += 2;
        } else if (ch >= 0x80) {
            return 0;
        }
        if (o + 1 >= cap)
            return 0;
        out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[o] = '\0';
    return o;
}

static void lex_pre_bit(evmodel *em, unsigned c0, unsigned c1, size_t rl)
{
    if (rl < 2 || rl >= 64)
        return;
    unsigned bit = ((c0 & 31) << 11) | ((c1 & 31) << 6) | (unsigned)rl;
    em->lexpre[bit >> 3] |= (uint8_t)(1u << (bit & 7));
}

/* Marks every raw spelling of key in lexpre: either case of a letter (the
 * same 5 bits), an apostrophe as itself or as a 3-byte curly quote. */
static void lex_pre(evmodel *em, const char *key, size_t len)
{
    size_t apos = 0;
    for (size_t i = 0; i < len; i++)
        apos += key[i] == '\'';
    unsigned c0s[2], c1s[3];
    size_t n0 = 0, n1 = 0;
    c0s[n0++] = (unsigned char)key[0];
    if (key[0] == '\'') {
        c0s[n0++] = 0xE2;
        c1s[n1++] = 0x80;
    }
    if (len >= 2) {
        c1s[n1++] = (unsigned char)key[1];
        if (key[1] == '\'')
            c1s[n1++] = 0xE2;
    }
    for (size_t j = 0; j <= apos; j++)
        for (size_t a = 0; a < n0; a++)
            for (size_t b = 0; b < n1; b++)
                lex_pre_bit(em, c0s[a], c1s[b], len + 2 * j);
}

static evlex *lex_slot(evmodel *em, const char *key, size_t len)
{
    uint64_t h = lex_hash(key, len);
    size_t i = h & (em->lex_cap - 1);
    while (em->lex[i].key) {
        if (em->lex[i].h == h && em->lex[i].len == len && !memcmp(em->lex[i].key, key, len))
            return &em->lex[i];
        i = (i + 1) & (em->lex_cap - 1);
    }
    em->lex[i] = (evlex){key, h, len <= 8 ? lex_pack(key, len) : 0, (uint32_t)len, -1, -1, 0, 0};
    lex_pre(em, key, len);
    return &em->lex[i];
}

static void lex_form(void *vc, const char *key, size_t len, int value)
{
    if (len < LEX_CAP)
        lex_slot(vc, key, len)->head = value;
}

static void lex_fw(void *vc, const char *key, size_t len, int value)
{
    if (len < LEX_CAP && value > 0)
        lex_slot(vc, key, len)->fw = (uint8_t)value;
}

static void lex_acode(void *vc, const char *key, size_t len, int value)
{
    if (len < LEX_CAP && value != -1 && !memchr(key, ' ', len))
        lex_slot(vc, key, len)->acode = value;
}

static void lex_mod(void *vc, const char *key, size_t len, int value)
{
    (void)value;
    lex_slot(vc, key, len)->mod = 1;
}

static void lex_build(evmodel *em)
{
    size_t nmods = em->wl[EL_AGENT_MODS]->map.n;
    size_t n = em->forms.n + em->fw.n + em->acodes.n + nmods, cap = 64;
    while (cap < 2 * n + 2)
        cap *= 2;
    em->lex = rift_xmalloc(cap * sizeof *em->lex);
    memset(em->lex, 0, cap * sizeof *em->lex);
    em->lex_cap = cap;
    rift_strmap_each(&em->forms, lex_form, em);
    rift_strmap_each(&em->fw, lex_fw, em);
    rift_strmap_each(&em->acodes, lex_acode, em);
    rift_strmap_each(&em->wl[EL_AGENT_MODS]->map, lex_mod, em);
    for (int ch = 0; ch < 128; ch++) {
        char k = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        uint64_t h = lex_hash(&k, 1);
        em->lex1[ch] = -1;
        for (size_t i = h & (cap - 1); em->lex[i].key; i = (i + 1) & (cap - 1))
            if (em->lex[i].len == 1 && em->lex[i].key[0] == k) {
                em->lex1[ch] = (int32_t)i;
                break;
            }
    }
}

static int32_t head_for(evmodel *em, const char *lemma)
{
    int v = rift_strmap_get(&em->lemmas, lemma, strlen(lemma));
    if (v >= 0)
        return v;
    evhead h = {-1, -1};
    RIFT_VEC_PUSH(em->heads, h);
    int32_t id = (int32_t)em->heads.n - 1;
    rift_strmap_put(&em->lemmas, lemma, strlen(lemma), id);
    return id;
}

static void add_form(evmodel *em, const char *f, int32_t head)
{
    size_t n = strlen(f);
    if (n && rift_strmap_get(&em->forms, f, n) < 0)
        rift_strmap_put(&em->forms, f, n, head);
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Regular inflections of a base form: -s, -ed, -ing (nouns: plural only). */
static void add_inflections(evmodel *em, const char *b, int32_t head, bool noun)
{
    char f[WORD_MAX + 8];
    size_t n = strlen(b);
    if (n == 0 || n >= WORD_MAX)
        return;
    char last = b[n - 1], prev = n > 1 ? b[n - 2] : 0;
    add_form(em, b, head);
    if (last == 's' || last == 'x' || last == 'z' || last == 'h')
        snprintf(f, sizeof f, "%ses", b);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(f, sizeof f, "%.*sies", (int)n - 1, b);
    else
        snprintf(f, sizeof f, "%ss", b);
    add_form(em, f, head);
    if (noun)
        return;
    if (last == 'e') {
        snprintf(f, sizeof f, "%sd", b);
        add_form(em, f, head);
        snprintf(f, sizeof f, "%.*sing", (int)n - 1, b);
        add_form(em, f, head);
        return;
    }
    if (last == 'y' && !is_vowel(prev)) {
        snprintf(f, sizeof f, "%.*sied", (int)n - 1, b);
        add_form(em, f, head);
    } else {
        snprintf(f, sizeof f, "%sed", b);
        add_form(em, f, head);
    }
    snprintf(f, sizeof f, "%sing", b);
    add_form(em, f, head);
    /* consonant doubling (spar: sparred), made whenever the shape allows */
    if (n >= 3 && !is_vowel(last) && is_vowel(prev) && !is_vowel(b[n - 3]) &&
        last != 'w' && last != 'x' && last != 'y') {
        snprintf(f, sizeof f, "%s%ced", b, last);
        add_form(em, f, head);
        snprintf(f, sizeof f, "%s%cing", b, last);
        add_form(em, f, head);
    }
}

static bool is_prep_word(const evmodel *em, const char *w)
{
    return rift_word_in(em->wl[EL_PREPOSITIONS], w, strlen(w));
}

/* One line of an event pattern file: "forms TAB code TAB frame". */
static void parse_line(evmodel *em, const rift_model *m, char *line, bool noun)
{
    char *c1 = line, *c2 = strchr(c1, '\t');
    if (!c2)
        return;
    *c2++ = '\0';
    char *c3 = strchr(c2, '\t');
    if (!c3)
        return;
    *c3++ = '\0';
    /* optional column 4: "PLOVER" or "PLOVER:mode", where the PLOVER
     * manual codes the event other than cameo.txt's coding of its code */
    char *c4 = strchr(c3, '\t');
    if (c4)
        *c4++ = '\0';
    char low1[256], frame[512];
    if (!rift_ev_lower(c1, strlen(c1), low1, sizeof low1) ||
        !rift_ev_lower(c3, strlen(c3), frame, sizeof frame))
        return;
    evpat p;
    memset(&p, 0, sizeof p);
    p.next = -1;
    p.noun = noun;
    if (!strcmp(c2, "-"))
        p.light = 1;
    else
        snprintf(p.cameo, sizeof p.cameo, "%.7s", c2);
    /* column 1: "head req req|form|form" */
    char *bar = strchr(low1, '|');
    if (bar)
        *bar++ = '\0';
    char *save = NULL, *w = strtok_r(low1, " ", &save);
    if (!w || strlen(w) >= WORD_MAX)
        return;
    char head[WORD_MAX];
    snprintf(head, sizeof head, "%s", w);
    while ((w = strtok_r(NULL, " ", &save)) && p.nreq < REQ_MAX)
        snprintf(p.req[p.nreq++], WORD_MAX, "%s", w);
    /* frame: prep before TGT, passive frames, denials, evaluative words */
    char *words[32];
    size_t nw = 0;
    for (w = strtok_r(frame, " ", &save); w && nw < 32; w = strtok_r(NULL, " ", &save))
        words[nw++] = w;
    for (size_t i = 0; i < nw; i++) {
        if (!strcmp(words[i], "tgt") && i > 0 && is_prep_word(em, words[i - 1]) &&
            strcmp(words[i - 1], "by"))
            snprintf(p.prep, sizeof p.prep, "%s", words[i - 1]);
        if (!strcmp(words[i], "deny") || !strcmp(words[i], "dismiss") ||
            !strcmp(words[i], "refute"))
            p.deny = 1;
        if (!strcmp(words[i], "calls") && i + 1 < nw && !strcmp(words[i + 1], "tgt"))
            p.qword = 1;
    }
    if (nw && !strcmp(words[0], "tgt"))
        p.inverse = 1;
    if (!p.light)
        rift_cameo_info(m, &em->strs, p.cameo, strlen(p.cameo), &p.goldstein, &p.plover, &p.mode);
    if (!p.light && c4) {
        size_t n4 = strcspn(c4, " \t\r\n");
        char *colon = memchr(c4, ':', n4);
        size_t np = colon ? (size_t)(colon - c4) : n4;
        if (np) {
            p.plover = rift_arena_strndup(&em->strs, c4, np);
            p.mode = colon && n4 > np + 1 ? rift_arena_strndup(&em->strs, colon + 1, n4 - np - 1)
                                          : NULL;
        }
    }
    int32_t h = head_for(em, head);
    RIFT_VEC_PUSH(em->pats, p);
    int32_t pi = (int32_t)em->pats.n - 1;
    evhead *hd = &em->heads.v[h];
    int32_t *chain = noun ? &hd->noun : &hd->verb;
    /* patterns with required words are tried first */
    if (p.nreq || *chain < 0) {
        em->pats.v[pi].next = *chain;
        *chain = pi;
    } else {
        int32_t k = *chain;
        while (em->pats.v[k].next >= 0)
            k = em->pats.v[k].next;
        em->pats.v[k].next = pi;
    }
    add_inflections(em, head, h, noun);
    if (bar) {
        char *f;
        for (f = strtok_r(bar, "|", &save); f; f = strtok_r(NULL, "|", &save))
            add_form(em, f, h);
    }
}

bool rift_cameo_info(const rift_model *m, rift_arena *a, const char *code, size_t n,
                     double *goldstein, const char **plover, const char **mode)
{
    const rift_lexicon *cam = rift_model_lexicon(m, "cameo");
    int idx = cam ? rift_lexicon_find(cam, code, n) : -1;
    bool found = idx >= 0 && (size_t)idx < cam->n_values && cam->values[idx];
    if (found) {
        /* goldstein TAB plover TAB mode TAB name */
        const char *v = cam->values[idx];
        *goldstein = strtod(v, NULL);
        const char *t1 = strchr(v, '\t');
        const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        const char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (t1 && t2 && t2 > t1 + 1)
            *plover = rift_arena_strndup(a, t1 + 1, (size_t)(t2 - t1 - 1));
        if (t2 && t3 && t3 > t2 + 1)
            *mode = rift_arena_strndup(a, t2 + 1, (size_t)(t3 - t2 - 1));
    }
    /* PLOVER drops CAMEO 01 and 02; its manual suggests 015 as AGREE and
     * 016 as REJECT.  rift also maps 019 (express accord) to AGREE and the
     * 02 appeals to REQUEST (see data/en/README.md). */
    if (!*plover && n >= 2) {
        if (n >= 3 && (!strncmp(code, "015", 3) || !strncmp(code, "019", 3)))
            *plover = "AGREE";
        else if (n >= 3 && !strncmp(code, "016", 3))
            *plover = "REJECT";
        else if (!strncmp(code, "02", 2))
            *plover = "REQUEST";
    }
    return found;
}

/* Codings the document pass derives from a pattern's own by the verb's
 * modality: an intention ("will send aid": 033), a threat ("would
 * blockade": 138), a refusal ("will not allow": 124), a demand ("X must
 * withdraw": 105).  Built once from cameo.txt. */
static const char *const DERIVED[] = {
    "030", "031", "032", "033", "035", "036", "130", "131", "1312", "132", "133", "137",
    "138", "1382", "111", "120", "121", "122", "124", "125", "127", "100", "101", "102",
    "103", "105", "106", NULL};

static void derive_pats(evmodel *em, const rift_model *m)
{
    for (size_t k = 0; DERIVED[k]; k++) {
        evpat p;
        memset(&p, 0, sizeof p);
        p.next = -1;
        snprintf(p.cameo, sizeof p.cameo, "%s", DERIVED[k]);
        rift_cameo_info(m, &em->strs, p.cameo, strlen(p.cameo), &p.goldstein, &p.plover, &p.mode);
        RIFT_VEC_PUSH(em->dpats, p);
    }
}

/* The derived pattern of CAMEO code `code`, NULL (a code not in DERIVED). */
const evpat *rift_ev_derived(const evmodel *em, const char *code)
{
    for (size_t k = 0; code && k < em->dpats.n; k++)
        if (!strcmp(em->dpats.v[k].cameo, code))
            return &em->dpats.v[k];
    return NULL;
}

/* ---- actor codes: "phrase TAB CODE"; "+AGT" codes are agents ---------- */

static void put_code(evmodel *em, const char *key, const char *code, bool keep)
{
    size_t n = strlen(key);
    if (!n || n >= 96)
        return;
    int old = rift_strmap_get(&em->acodes, key, n);
    if (old >= 0 && keep)
        return;
    const char *cs = rift_arena_strndup(&em->strs, code, strlen(code));
    RIFT_VEC_PUSH(em->codes, cs);
    rift_strmap_put(&em->acodes, key, n, (int)em->codes.n - 1);
    size_t words = 1, w1 = strcspn(key, " ");
    unsigned bit = afirst_bit(key, w1);
    em->afirst[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    for (size_t i = 0; i < n; i++)
        if (key[i] == ' ') {
            words++;
            if (rift_strmap_get(&em->acodes, key, i) == -1)
                rift_strmap_put(&em->acodes, key, i, -2);
        }
    if (words > em->acode_words)
        em->acode_words = words;
}

static void code_line(void *vc, char *line)
{
    evmodel *em = vc;
    char *tab = strchr(line, '\t');
    if (!tab)
        return;
    *tab++ = '\0';
    char key[128], code[16];
    size_t n = rift_ev_lower(line, strlen(line), key, sizeof key);
    while (n && key[n - 1] == ' ')
        key[--n] = '\0';
    size_t cl = strcspn(tab, " \t#");
    if (!n || cl == 0 || cl >= sizeof code)
        return;
    memcpy(code, tab, cl);
    code[cl] = '\0';
    put_code(em, key, code, false);
    /* plural of a one-word nationality: "Israelis" */
    if (code[0] != '+' && !strchr(key, ' ') && n + 2 < sizeof key && key[n - 1] != 's') {
        key[n] = 's';
        key[n + 1] = '\0';
        put_code(em, key, code, true);
    }
}

/* demonyms.txt: "Adjective TAB Place": the adjective takes the place's code */
static void demonym_line(void *vc, char *line)
{
    evmodel *em = vc;
    char *tab = strchr(line, '\t');
    if (!tab)
        return;
    *tab++ = '\0';
    char place[128], key[128];
    size_t pn = rift_ev_lower(tab, strlen(tab), place, sizeof place);
    size_t n = rift_ev_lower(line, strlen(line), key, sizeof key);
    if (!pn || !n)
        return;
    int v = rift_strmap_get(&em->acodes, place, pn);
    if (v < 0 || em->codes.v[v][0] == '+')
        return;
    const char *code = em->codes.v[v];
    put_code(em, key, code, true);
    if (n + 2 < sizeof key && key[n - 1] != 's' && !strchr(key, ' ')) {
        key[n] = 's';
        key[n + 1] = '\0';
        put_code(em, key, code, true);
    }
}

typedef struct load_ctx {
    evmodel *em;
    const rift_model *m;
    bool noun;
} load_ctx;

static void load_line(void *vc, char *line)
{
    load_ctx *lc = vc;
    parse_line(lc->em, lc->m, line, lc->noun);
}

/* An absent file gives no events of its kind (tests show it). */
static void load_file(evmodel *em, rift_model *m, const char *file, bool noun)
{
    load_ctx lc = {em, m, noun};
    (void)rift_model_read_lines(m, file, load_line, &lc);
}

rift_status rift_event_init(rift_model *m)
{
    evmodel *em = rift_xmalloc(sizeof *em);
    memset(em, 0, sizeof *em);
    rift_strmap_init(&em->forms);
    rift_strmap_init(&em->lemmas);
    rift_arena_init(&em->strs);
    m->event_data = em;
    for (int k = 0; k < EL_N; k++) {
        rift_status st = rift_lexicon_require(m, EL_FILES[k], &em->wl[k]);
        if (st != RIFT_OK)
            return st;
    }
    load_file(em, m, "event_verbs.txt", false);
    load_file(em, m, "event_nouns.txt", true);
    rift_strmap_init(&em->acodes);
    rift_strmap_init(&em->fw);
    fw_add(&em->fw, em->wl[EL_CLAUSE_WORDS], TC_CLAUSE);
    fw_add(&em->fw, em->wl[EL_PREPOSITIONS], TC_PREP);
    fw_add(&em->fw, em->wl[EL_NEGATIONS], TC_NEG);
    fw_add(&em->fw, em->wl[EL_DETERMINERS], TC_DET);
    rift_strmap_put(&em->fw, "to", 2, TC_PREP | TC_TO);
    rift_strmap_put(&em->fw, "must", 4, TC_MUST);
    derive_pats(em, m);
    (void)rift_model_read_lines(m, "actor_codes.txt", code_line, em);
    (void)rift_model_read_lines(m, "demonyms.txt", demonym_line, em);
    lex_build(em);
    return RIFT_OK;
}

void rift_event_fini(rift_model *m)
{
    rift_petr_free(m); /* PETRARCH dictionaries (petrverbs.c) */
    evmodel *em = m ? m->event_data : NULL;
    if (!em)
        return;
    rift_strmap_free(&em->forms);
    rift_strmap_free(&em->lemmas);
    rift_strmap_free(&em->acodes);
    rift_strmap_free(&em->fw);
    free(em->codes.v);
    free(em->heads.v);
    free(em->pats.v);
    free(em->dpats.v);
    free(em->lex);
    rift_arena_release(&em->strs);
    free(em);
    m->event_data = NULL;
}
