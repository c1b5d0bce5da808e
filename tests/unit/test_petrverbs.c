/* test_petrverbs.c: the PETRARCH dictionary loaders (src/petrverbs.c) on
 * small dictionaries written here: verb forms, synsets, patterns with
 * prepositions and phrases, compounds, the frames of $ and +, agents,
 * discards, and FILE:LINE errors on malformed files.  Needs nothing outside the repository.
 */
#include "internal.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *VERBS =
    "# a small CAMEO verb dictionary in the PETRARCH format\n"
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+EURO\n"
    "\n"
    "--- PRAISE [051] ---\n"
    "PRAISE\n"
    "COMMEND\n"
    "- * (FOR &CURRENCY) [070]   # a gift of money, for the test\n"
    "- * {PEACE EFFORT} [057]\n"
    "\n"
    "--- SAY [---] ---\n"
    "SAY {SAID SAYS SAYING}\n"
    "- * THREAT [012]\n"
    "- * THREATS [013]\n"
    "- * (ABOUT (BROKEN) [012]\n"
    "\n"
    "--- STRENGTHEN [---] ---\n"
    "+BEEF_UP\n"
    "- * SECURITY [:150]\n"
    "~ a (a b ATTACK) SAY = a b 015\n";

static const char *AGENTS =
    "!MINIST! = MINISTER, MINISTERS, MINISTRY\n"
    "FOREIGN_!MINIST! [~GOV]\n"
    "TROOP {} [~MIL]\n"
    "REBEL [~REB]\n";

static char *write_tmp(const char *text)
{
    char *path = rift_xmalloc(64);
    snprintf(path, 64, "/tmp/rift_petr_XXXXXX");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static rift_doc *analyze(const rift_model *m, const char *text)
{
    rift_article a;
    memset(&a, 0, sizeof a);
    a.text = text;
    a.text_len = strlen(text);
    a.origin = "test";
    rift_analyze_options o = {0};
    o.default_date = "2015-06-09";
    rift_doc *d = NULL;
    rift_doc_analyze(m, &a, &o, &d);
    return d;
}

/* What the verb dictionary gives the first token spelled w, in *pc;
 * whether it knows the word as a verb. */
static bool petr_at(const rift_model *m, const char *text, const char *w, rift_petr_code *pc)
{
    rift_doc *d = analyze(m, text);
    bool known = false;
    memset(pc, 0, sizeof *pc);
    for (size_t t = 0; d && t < d->n_tokens; t++) {
        const rift_token *k = &d->tokens[t];
        if (k->end - k->start != strlen(w) || strncmp(d->text + k->start, w, strlen(w)))
            continue;
        known = rift_petr_verb(rift_petr_of(m), d, 0, (uint32_t)d->n_tokens, (uint32_t)t, pc);
        break;
    }
    rift_doc_free(d);
    return known;
}

/* The code the verb dictionary gives the first token spelled w. */
static const char *code_of(const rift_model *m, const char *text, const char *w, bool *known)
{
    static char buf[16];
    rift_petr_code pc;
    *known = petr_at(m, text, w, &pc);
    snprintf(buf, sizeof buf, "%s", *known && pc.cameo ? pc.cameo : "-");
    return buf;
}

/* A pattern's $ and + become the frame's source and target slots. */
static void test_frames(void)
{
    static const char *FRAMES =
        "--- MEET [040] ---\n"
        "MEET {MET MEETS MEETING}\n"
        "- $ * (WITH +) [040]\n"
        "--- RECEIVE [---] ---\n"
        "RECEIVE\n"
        "- + * ROCKETS (FROM $) [193]\n"
        "--- FILE [---] ---\n"
        "FILE\n"
        "- * CLAIM AGAINST + [115]\n"
        "- * PROTEST [141]\n";
    rift_model *m = NULL;
    rift_model_open("data/en", &m);
    char *fp = write_tmp(FRAMES);
    CHECK(rift_model_add_verbs(m, fp) == RIFT_OK, "frame verbs load: %s", rift_model_errmsg(m));
    rift_petr_code pc;
    bool k = petr_at(m, "France met with Germany on Monday.", "met", &pc);
    CHECK(k && pc.src_slot == SLOT_SUBJ && pc.tgt_slot == SLOT_OBL && !strcmp(pc.prep, "with"),
          "$ * (WITH +): subject source, target after with");
    k = petr_at(m, "Israel received rockets from Hamas on Monday.", "received", &pc);
    CHECK(k && pc.cameo && !strcmp(pc.cameo, "193") && pc.tgt_slot == SLOT_SUBJ &&
          pc.src_slot == SLOT_OBL && !strcmp(pc.src_prep, "from") && !pc.prep[0],
          "+ * ROCKETS (FROM $): the target the subject, the source after from");
    k = petr_at(m, "France will file a claim against Germany.", "file", &pc);
    CHECK(k && pc.cameo && !strcmp(pc.cameo, "115") && pc.tgt_slot == SLOT_OBL &&
          !strcmp(pc.prep, "against") && pc.src_slot == SLOT_SUBJ,
          "* CLAIM AGAINST +: a bare preposition before + makes an oblique");
    k = petr_at(m, "France will file a protest.", "file", &pc);
    CHECK(k && pc.cameo && !strcmp(pc.cameo, "141") && pc.src_slot == SLOT_SUBJ &&
          pc.tgt_slot == SLOT_OBJ, "a pattern without $ or +: subject and object");
    unlink(fp);
    free(fp);
    rift_model_close(m);
}

static const char *event_code(const rift_model *m, const char *text)
{
    static char buf[16];
    rift_doc *d = analyze(m, text);
    size_t n = 0;
    const rift_event *e = d ? rift_doc_events(d, &n) : NULL;
    snprintf(buf, sizeof buf, "%s", n && e[0].cameo ? e[0].cameo : "none");
    rift_doc_free(d);
    return buf;
}

/* "source -> target" of the first event, from the tree (the dictionary's
 * verb the first word of its sentence the stage codes). */
static const char *event_pair(const rift_model *m, const char *text)
{
    static char buf[96];
    rift_doc *d = analyze(m, text);
    size_t n = 0, ne = 0;
    const rift_event *e = d ? rift_doc_events(d, &n) : NULL;
    const rift_entity *en = d ? rift_doc_entities(d, &ne) : NULL;
    if (!n)
        snprintf(buf, sizeof buf, "none");
    else
        snprintf(buf, sizeof buf, "%s -> %s",
                 e[0].source >= 0 && (size_t)e[0].source < ne ? en[e[0].source].name : "-",
                 e[0].target >= 0 && (size_t)e[0].target < ne ? en[e[0].target].name : "-");
    rift_doc_free(d);
    return buf;
}

static const char *event_source_code(const rift_model *m, const char *text)
{
    static char buf[32];
    rift_doc *d = analyze(m, text);
    size_t n = 0;
    const rift_event *e = d ? rift_doc_events(d, &n) : NULL;
    snprintf(buf, sizeof buf, "%s", n && e[0].source_code ? e[0].source_code : "none");
    rift_doc_free(d);
    return buf;
}

int main(void)
{
    rift_model *m = NULL;
    CHECK(rift_model_open("data/en", &m) == RIFT_OK, "model");
    CHECK(rift_petr_of(m) == NULL, "no dictionary before one is added");
    char *vp = write_tmp(VERBS), *ap = write_tmp(AGENTS);
    CHECK(rift_model_add_verbs(m, vp) == RIFT_OK, "verbs load: %s", rift_model_errmsg(m));
    CHECK(rift_model_add_agents(m, ap) == RIFT_OK, "agents load: %s", rift_model_errmsg(m));
    size_t nv, np, na, nd;
    rift_petr_counts(m, &nv, &np, &na, &nd);
    /* praise(s/d/ing), commend(4), say 4, beef up 4; the broken pattern skipped */
    CHECK(nv == 16, "verb forms: %zu", nv);
    CHECK(np == 5, "patterns: %zu", np);

    bool known;
    CHECK_STR(code_of(m, "France praised Germany.", "praised", &known), "051", "block code");
    CHECK(known, "praised is a dictionary verb");
    CHECK_STR(code_of(m, "France commends Germany for the euros it sent.", "commends", &known),
              "070", "prepositional pattern with a synset member (plural)");
    CHECK_STR(code_of(m, "France praised the peace efforts of Germany.", "praised", &known),
              "057", "phrase pattern, head in the plural");
    /* a word as written beats a plural reading of another pattern's word */
    CHECK_STR(code_of(m, "France said the threats from Germany grew.", "said", &known), "013",
              "the pattern naming the plural wins over the singular's");
    CHECK_STR(code_of(m, "France said Germany was fine.", "said", &known), "-",
              "null code: a known verb, no event");
    CHECK(known, "said is known");
    CHECK_STR(code_of(m, "France said the threat from Germany grew.", "said", &known), "012",
              "pattern on a null-coded verb");
    CHECK_STR(code_of(m, "France will beef up security in Paris.", "beef", &known), "150",
              "compound verb, code after the colon");
    code_of(m, "France ate beef in Paris.", "beef", &known);
    CHECK(!known, "beef without up is no verb");
    code_of(m, "France visited Germany.", "visited", &known);
    CHECK(!known, "an unknown verb");

    /* the events stage takes the dictionary's code */
    CHECK_STR(event_code(m, "France commended Germany."), "051", "event from a dictionary verb");
    /* the dictionary's verb first in a long sentence: its arguments come
     * from the sentence's tree, read before it is asked (a crash once) */
    CHECK_STR(event_pair(m, "After weeks of talks in Geneva and in Vienna, France on Tuesday "
                            "commended Germany and its new chancellor for the aid it had sent "
                            "to Greece."),
              "France -> Germany", "dictionary verb: source and target from the tree");
    CHECK_STR(event_source_code(m, "The French foreign minister commended Germany."), "FRAGOV",
              "agent from the agents dictionary");

    /* malformed dictionaries: FILE:LINE: why */
    static const char *const bad[] = {
        "- * AID [070]\n",                          /* a pattern before any block */
        "--- AID [070] ---\nGIVE\n- * AID\n",       /* no code */
        "--- AID [070] ---\nGIVE {GAVE GIVEN\n",    /* unclosed brace */
        "--- AID [07x0] ---\n",                     /* bad code */
        "GIVE\n",                                   /* a verb outside a block */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        rift_model *m2 = NULL;
        rift_model_open("data/en", &m2);
        char *bp = write_tmp(bad[i]);
        CHECK(rift_model_add_verbs(m2, bp) == RIFT_EFORMAT, "bad %zu refused", i);
        char want[96];
        snprintf(want, sizeof want, "%s:", bp);
        CHECK(strstr(rift_model_errmsg(m2), want) != NULL, "bad %zu: errmsg '%s'", i,
              rift_model_errmsg(m2));
        unlink(bp);
        free(bp);
        rift_model_close(m2);
    }
    rift_model *m3 = NULL;
    rift_model_open("data/en", &m3);
    CHECK(rift_model_add_verbs(m3, "/nonexistent/verbs.txt") == RIFT_EIO, "absent file");
    char *bp = write_tmp("!! = MAN, MEN\n");
    CHECK(rift_model_add_agents(m3, bp) == RIFT_EFORMAT, "substitution without a name");
    unlink(bp);
    free(bp);
    rift_model_close(m3);

    unlink(vp);
    unlink(ap);
    free(vp);
    free(ap);
    rift_model_close(m);
    test_frames();
    return TEST_DONE();
}
