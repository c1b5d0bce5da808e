/* event_model.c: the events stage's model: the frames (data/en/frames.txt),
 * actor codes, the derived CAMEO codings and the combined lexicon. */
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

/* ---- frames: data/en/frames.txt (docs/events.md) ----------------------- */

/* A malformed frame line: the reason in why, false. */
static bool bad(char *why, size_t whyn, const char *fmt, const char *what)
{
    snprintf(why, whyn, fmt, what);
    return false;
}

/* Column 1: "lemma [required words][|irregular form...] [(noun)|(word)]",
 * lowered in place; the head in head, the kind in *noun and *qword. */
static bool frame_words(char *low, evpat *p, char *head, char **forms, char *why, size_t whyn)
{
    size_t n = strlen(low);
    while (n && low[n - 1] == ' ')
        low[--n] = '\0';
    if (n > 7 && (!strcmp(low + n - 7, " (noun)") || !strcmp(low + n - 7, " (word)"))) {
        p->noun = 1;
        p->qword = low[n - 5] == 'w';
        low[n - 7] = '\0';
    }
    char *bar = strchr(low, '|');
    if (bar)
        *bar++ = '\0';
    *forms = bar;
    char *save = NULL, *w = strtok_r(low, " ", &save);
    if (!w || strlen(w) >= WORD_MAX || strchr(w, '('))
        return bad(why, whyn, "no lemma, or a lemma of %s", "more than 31 bytes");
    snprintf(head, WORD_MAX, "%s", w);
    while ((w = strtok_r(NULL, " ", &save))) {
        if (p->nreq == REQ_MAX || strlen(w) >= WORD_MAX || strchr(w, '('))
            return bad(why, whyn, "\"%s\": at most 2 required words (under 32 bytes), "
                       "then (noun) or (word)", w);
        snprintf(p->req[p->nreq++], WORD_MAX, "%s", w);
    }
    return true;
}

/* One "relation=role" of column 2 into *slot and prep; 0 for an unknown
 * relation.  Relations: nsubj obj iobj ccomp poss obl:PREP nmod:PREP. */
static uint8_t frame_slot(const evmodel *em, const char *rel, size_t n, char *prep)
{
    static const struct { const char *rel; uint8_t slot; } rels[] = {
        {"nsubj", SLOT_SUBJ}, {"obj", SLOT_OBJ}, {"iobj", SLOT_IOBJ},
        {"ccomp", SLOT_COMP}, {"poss", SLOT_POSS}};
    prep[0] = '\0';
    for (size_t k = 0; k < sizeof rels / sizeof *rels; k++)
        if (strlen(rels[k].rel) == n && !memcmp(rels[k].rel, rel, n))
            return rels[k].slot;
    if (n > 4 && (!memcmp(rel, "obl:", 4) || !memcmp(rel, "nmod:", 5))) {
        const char *pw = memchr(rel, ':', n) + 1;
        size_t pn = n - (size_t)(pw - rel);
        if (pn == 0 || pn >= 16)
            return 0;
        memcpy(prep, pw, pn);
        prep[pn] = '\0';
        return is_prep_word(em, prep) ? SLOT_OBL : 0;
    }
    return 0;
}

/* Column 2: the arguments, "nsubj=src obl:with=tgt", "obj=event" (a light
 * verb's noun event), "deny". */
static bool frame_args(const evmodel *em, char *args, evpat *p, char *why, size_t whyn)
{
    char *save = NULL;
    bool event = false;
    for (char *w = strtok_r(args, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (!strcmp(w, "deny")) {
            p->deny = 1;
            continue;
        }
        char *eq = strchr(w, '='), prep[16];
        if (!eq)
            return bad(why, whyn, "\"%s\": an argument is relation=src, relation=tgt or "
                       "relation=event (or the word deny)", w);
        uint8_t slot = frame_slot(em, w, (size_t)(eq - w), prep);
        if (!slot)
            return bad(why, whyn, "\"%s\": the relation is one of nsubj obj iobj ccomp poss "
                       "obl:PREP nmod:PREP (PREP in fw_event_prepositions.txt)", w);
        const char *role = eq + 1;
        if (!strcmp(role, "src") && !p->src_slot) {
            p->src_slot = slot;
            snprintf(p->src_prep, sizeof p->src_prep, "%s", prep);
        } else if (!strcmp(role, "tgt") && !p->tgt_slot) {
            p->tgt_slot = slot;
            snprintf(p->prep, sizeof p->prep, "%s", prep);
        } else if (!strcmp(role, "event") && p->light && !event) {
            event = true;
        } else {
            return bad(why, whyn, "\"%s\": the role is src or tgt (once each), or event "
                       "(once, in a light verb's frame)", w);
        }
    }
    if (p->light && !event)
        return bad(why, whyn, "a light verb (code %s) names its noun event: obj=event", "-");
    p->inverse = p->tgt_slot == SLOT_SUBJ;
    return true;
}

/* Columns 4 and 5: "PLOVER[:mode]" or "-", and a Goldstein weight. */
static bool frame_coding(evmodel *em, evpat *p, const char *c4, const char *c5, char *why,
                         size_t whyn)
{
    if (c4 && strcmp(c4, "-")) {
        size_t n4 = strlen(c4), np = strcspn(c4, ":");
        bool ok = np > 0 && np + 1 != n4;
        for (size_t i = 0; i < np; i++)
            ok = ok && ((c4[i] >= 'A' && c4[i] <= 'Z') || c4[i] == '_');
        for (size_t i = np + 1; i < n4; i++)
            ok = ok && ((c4[i] >= 'a' && c4[i] <= 'z') || c4[i] == '_');
        if (!ok)
            return bad(why, whyn, "\"%s\": the PLOVER column is TYPE or TYPE:mode "
                           "(AGREE, SANCTION:discontinue) or -", c4);
        if (p->light)
            return bad(why, whyn, "a light verb (code %s) takes no PLOVER type", "-");
        p->plover = rift_arena_strndup(&em->strs, c4, np);
        p->mode = np < n4 ? rift_arena_strndup(&em->strs, c4 + np + 1, n4 - np - 1) : NULL;
    }
    if (c5) {
        char *end;
        double g = strtod(c5, &end);
        if (end == c5 || *end || g < -10 || g > 10 || p->light)
            return bad(why, whyn, "\"%s\": the Goldstein column is a number from -10 to 10 "
                       "(not on a light verb)", c5);
        p->goldstein = g;
    }
    return true;
}

/* Adds a compiled frame to its head's chain: frames with required words
 * first (the last listed first), then the others in file order. */
static void add_frame(evmodel *em, const evpat *p, const char *head, char *forms)
{
    int32_t h = head_for(em, head);
    RIFT_VEC_PUSH(em->pats, *p);
    int32_t pi = (int32_t)em->pats.n - 1;
    evhead *hd = &em->heads.v[h];
    int32_t *chain = p->noun ? &hd->noun : &hd->verb;
    if (p->nreq || *chain < 0) {
        em->pats.v[pi].next = *chain;
        *chain = pi;
    } else {
        int32_t k = *chain;
        while (em->pats.v[k].next >= 0)
            k = em->pats.v[k].next;
        em->pats.v[k].next = pi;
    }
    add_inflections(em, head, h, p->noun);
    char *save = NULL;
    for (char *f = forms ? strtok_r(forms, "|", &save) : NULL; f; f = strtok_r(NULL, "|", &save))
        add_form(em, f, h);
}

typedef struct frame_load {
    evmodel *em;
    const rift_model *m;
} frame_load;

/* One line of frames.txt: "words TAB arguments TAB code [TAB plover [TAB
 * goldstein]]" (model.c has checked the column count). */
static bool frame_line(void *vc, char *line, char *why, size_t whyn)
{
    frame_load *fl = vc;
    evmodel *em = fl->em;
    char *col[5] = {line};
    size_t nc = 1;
    for (char *t = strchr(line, '\t'); t && nc < 5; t = strchr(t, '\t')) {
        *t++ = '\0';
        col[nc++] = t;
    }
    if (nc < 3)
        return bad(why, whyn, "%s", "words TAB arguments TAB CAMEO code");
    evpat p;
    memset(&p, 0, sizeof p);
    p.next = -1;
    char low[256], args[512], head[WORD_MAX], *forms;
    if (!rift_ev_lower(col[0], strlen(col[0]), low, sizeof low) ||
        !rift_ev_lower(col[1], strlen(col[1]), args, sizeof args))
        return bad(why, whyn, "%s", "the words and arguments are ASCII, under 256 bytes");
    if (!strcmp(col[2], "-"))
        p.light = 1;
    else if (!rift_cameo_well_formed(col[2], strlen(col[2])) ||
             !rift_cameo_info(fl->m, &em->strs, col[2], strlen(col[2]), &p.goldstein, &p.plover,
                              &p.mode))
        return bad(why, whyn, "\"%s\": not a CAMEO code of cameo.txt (or - for a light verb)",
                   col[2]);
    else
        snprintf(p.cameo, sizeof p.cameo, "%s", col[2]);
    if (!frame_words(low, &p, head, &forms, why, whyn) ||
        !frame_args(em, args, &p, why, whyn) ||
        !frame_coding(em, &p, nc > 3 ? col[3] : NULL, nc > 4 ? col[4] : NULL, why, whyn))
        return false;
    add_frame(em, &p, head, forms);
    return true;
}

/* The codings of rift_cameo_derived (cameo.c), built once. */
static void derive_pats(evmodel *em, const rift_model *m)
{
    for (size_t k = 0; rift_cameo_derived[k]; k++) {
        evpat p;
        memset(&p, 0, sizeof p);
        p.next = -1;
        snprintf(p.cameo, sizeof p.cameo, "%s", rift_cameo_derived[k]);
        rift_cameo_info(m, &em->strs, p.cameo, strlen(p.cameo), &p.goldstein, &p.plover, &p.mode);
        RIFT_VEC_PUSH(em->dpats, p);
    }
}

/* The derived pattern of CAMEO code `code`, NULL (a code not derived). */
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

rift_status rift_event_init(rift_model *m)
{
    evmodel *em = rift_xmalloc(sizeof *em);
    memset(em, 0, sizeof *em);
    rift_strmap_init(&em->forms);
    rift_strmap_init(&em->lemmas);
    rift_strmap_init(&em->acodes);
    rift_strmap_init(&em->fw);
    rift_arena_init(&em->strs);
    m->event_data = em;
    rift_status st = RIFT_OK;
    for (int k = 0; k < EL_N; k++) {
        st = rift_lexicon_require(m, EL_FILES[k], &em->wl[k]);
        if (st != RIFT_OK)
            return st;
    }
    frame_load fl = {em, m};
    st = rift_model_read_checked(m, "frames.txt", frame_line, &fl);
    if (st != RIFT_OK)
        return st;
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
