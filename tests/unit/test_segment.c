/* test_segment.c: unit tests of stage 3 (segment): token kinds and flags,
 * sentence spans, and bounded behaviour on hostile input.  Runs the first
 * three stages only, through the library's internals; no timings asserted.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>

static rift_model *model;

/* A document after normalize, blocks and segment. */
static rift_doc *run(const char *text, size_t len)
{
    rift_doc *d = rift_xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    rift_arena_init(&d->arena);
    d->model = model;
    d->len = len;
    d->text = rift_arena_strndup(&d->arena, text, len);
    rift_stage_normalize(d);
    rift_stage_blocks(d);
    rift_stage_segment(d);
    return d;
}

static rift_doc *run_s(const char *text) { return run(text, strlen(text)); }

/* Index of the first token whose text is tok, or -1. */
static long find(const rift_doc *d, const char *tok)
{
    size_t n = strlen(tok);
    for (size_t i = 0; i < d->n_tokens; i++)
        if (d->tokens[i].end - d->tokens[i].start == n &&
            !memcmp(d->text + d->tokens[i].start, tok, n))
            return (long)i;
    return -1;
}

static unsigned flags_of(const rift_doc *d, const char *tok)
{
    long i = find(d, tok);
    return i < 0 ? 0xFFFFu : d->tokens[i].flags;
}

static int kind_of(const rift_doc *d, const char *tok)
{
    long i = find(d, tok);
    return i < 0 ? -1 : d->tokens[i].kind;
}

static void test_kinds(void)
{
    rift_doc *d = run_s("Officials in the U.S. paid $100,000, or 3.5%, to DOGE and NASA "
                        "on 07/06/2025 at 10:30 \xE2\x80\x94 see www.example.net, "
                        "mail a.b@example.org or @desk_news.");
    CHECK(kind_of(d, "Officials") == RIFT_TOK_WORD, "a word");
    CHECK(kind_of(d, "U.S.") == RIFT_TOK_WORD, "an initialism is one word");
    CHECK(kind_of(d, "$") == RIFT_TOK_SYMBOL, "a currency symbol");
    CHECK(kind_of(d, "100,000") == RIFT_TOK_NUMBER, "a number with a comma");
    CHECK(kind_of(d, "3.5") == RIFT_TOK_NUMBER, "a decimal");
    CHECK(kind_of(d, "%") == RIFT_TOK_SYMBOL, "the percent sign");
    CHECK(kind_of(d, "07/06/2025") == RIFT_TOK_NUMBER, "a numeric date");
    CHECK(kind_of(d, "10:30") == RIFT_TOK_NUMBER, "a time");
    CHECK(kind_of(d, "\xE2\x80\x94") == RIFT_TOK_DASH, "an em dash");
    CHECK(kind_of(d, "www.example.net") == RIFT_TOK_URL, "a web address");
    CHECK(kind_of(d, "a.b@example.org") == RIFT_TOK_URL, "an e-mail address");
    CHECK(kind_of(d, "@desk_news") == RIFT_TOK_WORD, "a handle");
    CHECK(kind_of(d, ",") == RIFT_TOK_PUNCT, "a comma");
    unsigned f = flags_of(d, "U.S.");
    CHECK((f & RIFT_TF_ABBREV) && (f & RIFT_TF_CAP), "U.S. is a capitalised abbreviation");
    CHECK(flags_of(d, "DOGE") & RIFT_TF_ALLCAP, "DOGE is all capitals");
    CHECK(!(flags_of(d, "Officials") & RIFT_TF_ALLCAP), "Officials is not all capitals");
    CHECK(flags_of(d, "Officials") & RIFT_TF_SENT_START, "first token starts the sentence");
    CHECK(!(flags_of(d, "in") & (RIFT_TF_CAP | RIFT_TF_SENT_START)), "in: no flags");
    CHECK(flags_of(d, "in") & RIFT_TF_SPACE_BEFORE, "space before in");
    CHECK(!(flags_of(d, "100,000") & RIFT_TF_SPACE_BEFORE), "no space between $ and 100,000");
    CHECK(d->n_sents == 1, "one sentence: got %zu", d->n_sents);
    for (size_t i = 1; i < d->n_tokens; i++)
        if (d->tokens[i].start < d->tokens[i - 1].end) {
            CHECK(0, "tokens overlap at %zu", i);
            break;
        }
    rift_doc_free(d);
}

static void test_clitics(void)
{
    rift_doc *d = run_s("Gor\xE2\x80\x99s aides doesn\xE2\x80\x99t like the Democrats\xE2\x80\x99 "
                        "plan, and He\xE2\x80\x99" "d say it\xE2\x80\x99s \xC3\x89lise's turn.");
    CHECK(find(d, "Gor") >= 0 && find(d, "\xE2\x80\x99s") == find(d, "Gor") + 1,
          "Gor's splits as Gor + 's");
    CHECK(flags_of(d, "Gor") & RIFT_TF_POSSESSIVE, "Gor is possessive");
    CHECK(kind_of(d, "\xE2\x80\x99s") == RIFT_TOK_WORD, "the clitic is a word");
    CHECK(!(flags_of(d, "\xE2\x80\x99s") & RIFT_TF_SPACE_BEFORE), "no space before the clitic");
    CHECK(find(d, "does") >= 0 && find(d, "n\xE2\x80\x99t") >= 0, "doesn't is does + n't");
    CHECK(flags_of(d, "Democrats") & RIFT_TF_POSSESSIVE, "plural possessive");
    long ap = find(d, "Democrats") + 1;
    CHECK(d->tokens[ap].kind == RIFT_TOK_WORD && d->tokens[ap].end - d->tokens[ap].start == 3,
          "the plural apostrophe is its own word token");
    CHECK(find(d, "He") >= 0 && find(d, "\xE2\x80\x99" "d") >= 0, "He'd is He + 'd");
    CHECK(!(flags_of(d, "He") & RIFT_TF_POSSESSIVE), "He'd is not possessive");
    CHECK(!(flags_of(d, "it") & RIFT_TF_POSSESSIVE), "it's is not possessive");
    unsigned f = flags_of(d, "\xC3\x89lise");
    CHECK((f & RIFT_TF_CAP) && (f & RIFT_TF_NONASCII) && (f & RIFT_TF_POSSESSIVE),
          "Élise: capital, non-ASCII, possessive (flags %#x)", f);
    rift_doc_free(d);
}

static void test_quotes(void)
{
    rift_doc *d = run_s("\xE2\x80\x9CIt\xE2\x80\x99s over. We\xE2\x80\x99re done,\xE2\x80\x9D he said. "
                        "She said \"no\" and 'maybe' twice.");
    CHECK(d->n_sents == 3, "three sentences: got %zu", d->n_sents);
    const rift_token *t = d->tokens;
    CHECK(t[0].kind == RIFT_TOK_QUOTE && (t[0].flags & RIFT_TF_QUOTE_OPEN), "curly open quote");
    long close = find(d, "\xE2\x80\x9D");
    CHECK(close >= 0 && (t[close].flags & RIFT_TF_QUOTE_CLOSE), "curly close quote");
    long q = find(d, "\"");
    CHECK(q >= 0 && (t[q].flags & RIFT_TF_QUOTE_OPEN), "straight quote before a word opens");
    CHECK(t[q + 2].kind == RIFT_TOK_QUOTE && (t[q + 2].flags & RIFT_TF_QUOTE_CLOSE),
          "straight quote after a word closes");
    long s = find(d, "'");
    CHECK(s >= 0 && (t[s].flags & RIFT_TF_QUOTE_OPEN), "single straight quote opens");
    CHECK(t[s + 2].kind == RIFT_TOK_QUOTE && (t[s + 2].flags & RIFT_TF_QUOTE_CLOSE),
          "single straight quote closes");
    CHECK(d->n_sents > 1 && (long)d->sents[1].tok_begin == find(d, "We"), "second sentence starts at We");
    rift_doc_free(d);
}

static void test_blocks_and_sentences(void)
{
    rift_doc *d = run_s("Mr. Hale met Sen. Ruiz at noon. The talks ended.\n\n"
                        "A second paragraph without a stop but with words enough to be text\n\n"
                        "Then a third one follows here.");
    CHECK(d->n_sents == 4, "four sentences: got %zu", d->n_sents);
    for (size_t i = 0; i < d->n_sents; i++) {
        const rift_sentence *s = &d->sents[i];
        CHECK(s->tok_begin < s->tok_end && s->start == d->tokens[s->tok_begin].start &&
                  s->end == d->tokens[s->tok_end - 1].end &&
                  (d->tokens[s->tok_begin].flags & RIFT_TF_SENT_START),
              "sentence %zu spans its tokens", i);
        CHECK(d->blocks[s->block].start <= s->start && s->end <= d->blocks[s->block].end,
              "sentence %zu lies in its block", i);
    }
    rift_doc_free(d);
}

/* Hostile input: each must finish (linear work) and give sane counts. */
static void test_hostile(void)
{
    size_t n = 4u << 20;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = "ab.c-"[i % 5];
    rift_doc *d = run(s, n);
    CHECK(d->n_tokens >= 1, "a 4 MB token-like line: %zu tokens", d->n_tokens);
    rift_doc_free(d);

    for (size_t i = 0; i < n; i++)
        s[i] = 'x';
    d = run(s, n);
    CHECK(d->n_tokens == 1 && d->n_sents == 1, "one 4 MB word is one token");
    rift_doc_free(d);

    for (size_t i = 0; i < n; i++)
        s[i] = "a.a.a"[i % 5];
    d = run(s, n);
    CHECK(d->n_tokens >= 1, "a 4 MB initialism-like run: %zu tokens", d->n_tokens);
    rift_doc_free(d);

    size_t k = 0;
    for (int i = 0; i < 20000; i++) {
        memcpy(s + k, "\"x ", 3);
        k += 3;
    }
    d = run(s, k);
    CHECK(d->n_tokens == 40000, "20,000 unmatched quotes: %zu tokens", d->n_tokens);
    rift_doc_free(d);

    k = 0;
    for (int i = 0; i < 200000; i++) {
        memcpy(s + k, "Word.\n", 6);
        k += 6;
    }
    d = run(s, k);
    CHECK(d->n_sents >= 1 && d->n_tokens <= 400000, "200,000 one-word lines: %zu sentences",
          d->n_sents);
    rift_doc_free(d);

    for (size_t i = 0; i < n; i++)
        s[i] = (char)(i * 7919 % 251 + 1);
    d = run(s, n);
    CHECK(d->n_tokens > 0, "binary bytes give tokens without harm");
    rift_doc_free(d);
    free(s);
}

int main(void)
{
    if (rift_model_open("data/en", &model) != RIFT_OK) {
        printf("not ok 1 - model: %s\n", rift_model_errmsg(model));
        return 1;
    }
    test_kinds();
    test_clitics();
    test_quotes();
    test_blocks_and_sentences();
    test_hostile();
    rift_model_close(model);
    return TEST_DONE();
}
