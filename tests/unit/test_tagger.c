/* test_tagger.c: unit tests of the tagger (src/tagger.c) and the morphology
 * (src/morph.c) with the committed models in data/en/; invented sentences.
 */
#include "syntax.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rift_tagger *tagger;
static rift_morph *morph;

typedef struct sent {
    rift_sw w[64];
    size_t n;
    rift_arena a;
} sent;

/* Splits text at spaces, tags and lemmatises it. */
static void run(sent *s, const char *text)
{
    memset(s, 0, sizeof *s);
    rift_arena_init(&s->a);
    const char *p = text;
    while (*p && s->n < 64) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            s->w[s->n].form = p;
            s->w[s->n].len = (uint32_t)(e - p);
            s->n++;
        }
        p = e;
    }
    rift_sw_prepare(s->w, s->n);
    rift_tagger_tag(tagger, s->w, s->n, &s->a);
    rift_morph_run(morph, s->w, s->n, &s->a);
}

static const rift_sw *word(const sent *s, const char *form)
{
    size_t n = strlen(form);
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].len == n && memcmp(s->w[i].form, form, n) == 0)
            return &s->w[i];
    return NULL;
}

static void expect(const char *text, const char *form, const char *upos,
                   const char *xpos, const char *lemma, const char *feats)
{
    sent s;
    run(&s, text);
    const rift_sw *w = word(&s, form);
    CHECK(w != NULL, "'%s' in '%s'", form, text);
    if (w) {
        char what[256];
        snprintf(what, sizeof what, "'%s' in '%s'", form, text);
        if (upos)
            CHECK_STR(rift_upos_name((rift_upos)w->upos), upos, what);
        if (xpos)
            CHECK_STR(rift_xpos_name(w->xpos), xpos, what);
        if (lemma)
            CHECK_STR(w->lemma, lemma, what);
        if (feats)
            CHECK_STR(w->feats ? w->feats : "_", feats, what);
    }
    rift_arena_release(&s.a);
}

/* A copy of src cut to n bytes must not load (and must not crash). */
static void truncated(const char *src, const char *tmp, bool is_tagger)
{
    FILE *f = fopen(src, "rb");
    CHECK(f != NULL, "open %s", src);
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size);
    size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    long cuts[] = {0, 5, 31, 32, 40, size / 3, size / 2, size - 4, size - 1};
    int bad = 0;
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        FILE *o = fopen(tmp, "wb");
        if (!o)
            break;
        fwrite(buf, 1, (size_t)cuts[c] < got ? (size_t)cuts[c] : got, o);
        fclose(o);
        char err[256] = "";
        rift_status st;
        if (is_tagger) {
            rift_tagger *t = NULL;
            st = rift_tagger_load(tmp, &t, err, sizeof err);
            rift_tagger_free(t);
        } else {
            rift_morph *m = NULL;
            st = rift_morph_load(tmp, &m, err, sizeof err);
            rift_morph_free(m);
        }
        if (st == RIFT_OK || !strstr(err, tmp))
            bad++;
    }
    CHECK(bad == 0, "%s cut short: an error naming the file each time", src);
    /* one byte too many */
    FILE *x = fopen(tmp, "wb");
    if (x) {
        fwrite(buf, 1, got, x);
        fputc(0, x);
        fclose(x);
        char err[256] = "";
        rift_status st;
        if (is_tagger) {
            rift_tagger *t = NULL;
            st = rift_tagger_load(tmp, &t, err, sizeof err);
            rift_tagger_free(t);
        } else {
            rift_morph *m = NULL;
            st = rift_morph_load(tmp, &m, err, sizeof err);
            rift_morph_free(m);
        }
        CHECK(st == RIFT_EFORMAT, "%s with a byte too many: %s", src, err);
    }
    /* a flipped size in the header */
    FILE *o = fopen(tmp, "wb");
    if (o) {
        buf[16] = (char)0x7F;
        buf[17] = (char)0x7F;
        fwrite(buf, 1, got, o);
        fclose(o);
        char err[256] = "";
        rift_status st;
        if (is_tagger) {
            rift_tagger *t = NULL;
            st = rift_tagger_load(tmp, &t, err, sizeof err);
            rift_tagger_free(t);
        } else {
            rift_morph *m = NULL;
            st = rift_morph_load(tmp, &m, err, sizeof err);
            rift_morph_free(m);
        }
        CHECK(st != RIFT_OK, "%s with a bad header size: %s", src, err);
    }
    remove(tmp);
    free(buf);
}

int main(void)
{
    char err[512];
    CHECK(rift_tagger_load("data/en/tagger.bin", &tagger, err, sizeof err) == RIFT_OK,
          "load tagger: %s", err);
    CHECK(rift_morph_load("data/en/morph.bin", &morph, err, sizeof err) == RIFT_OK,
          "load morph: %s", err);
    if (!tagger || !morph)
        return TEST_DONE();

    expect("The declines in share prices worried the traders .", "declines",
           "NOUN", "NNS", "decline", "Number=Plur");
    expect("He took one last shot at him before the bell .", "shot",
           "NOUN", "NN", "shot", "Number=Sing");
    expect("The minister criticized the new budget on Tuesday .", "criticized",
           "VERB", "VBD", "criticize", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin");
    expect("The minister criticized the new budget on Tuesday .", "Tuesday",
           "PROPN", "NNP", "Tuesday", "Number=Sing");
    expect("The report was published by the ministry .", "was",
           "AUX", "VBD", "be", NULL);
    expect("The report was published by the ministry .", "published",
           "VERB", "VBN", "publish", "Tense=Past|VerbForm=Part|Voice=Pass");
    expect("They did n't agree to the terms .", "n't", "PART", "RB", "not",
           "Polarity=Neg");
    expect("We ca n't stop now .", "ca", "AUX", "MD", "can", "VerbForm=Fin");
    expect("She has been running the company for years .", "running",
           "VERB", "VBG", "run", "Tense=Pres|VerbForm=Part");
    expect("The children 's books were better than ours .", "children",
           "NOUN", "NNS", "child", "Number=Plur");
    expect("The children 's books were better than ours .", "'s",
           "PART", "POS", "'s", NULL);
    expect("The children 's books were better than ours .", "better",
           "ADJ", "JJR", "good", "Degree=Cmp");
    expect("The United States sent 300 soldiers .", "States",
           "PROPN", "NNPS", "State", "Number=Plur");
    expect("The United States sent 300 soldiers .", "300",
           "NUM", "CD", "300", "NumForm=Digit|NumType=Card");
    expect("I told them about it yesterday .", "I", "PRON", "PRP", "I", NULL);
    expect("They will vote against the plan .", "They", "PRON", "PRP", "they",
           "Case=Nom|Number=Plur|Person=3|PronType=Prs");

    /* hostile words: empty, long, invalid bytes, a long sentence */
    {
        sent s;
        run(&s, "\xff\xfe zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
                "zzzzzzz ' -- .");
        bool ok = s.n == 5;
        for (size_t i = 0; i < s.n; i++)
            ok = ok && s.w[i].lemma != NULL;
        CHECK(ok, "odd words get a lemma");
        CHECK(strlen(s.w[1].lemma) == s.w[1].len, "a long word keeps its whole form as lemma");
        rift_arena_release(&s.a);
    }
    {
        static rift_sw w[300];
        memset(w, 0, sizeof w);
        for (size_t i = 0; i < 300; i++) {
            w[i].form = i % 2 ? "dogs" : "bark";
            w[i].len = 4;
        }
        rift_arena a;
        rift_arena_init(&a);
        rift_sw_prepare(w, 300);
        rift_tagger_tag(tagger, w, 300, &a);
        rift_morph_run(morph, w, 300, &a);
        CHECK(w[299].lemma && strcmp(w[299].lemma, "dog") == 0, "a long sentence");
        rift_arena_release(&a);
    }

    char tmp[256];
    const char *dir = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/rift_test_tagger_%ld.bin", dir && *dir ? dir : "/tmp",
             (long)getpid());
    truncated("data/en/tagger.bin", tmp, true);
    truncated("data/en/morph.bin", tmp, false);
    char e2[256] = "";
    rift_tagger *t = NULL;
    CHECK(rift_tagger_load("no/such/tagger.bin", &t, e2, sizeof e2) == RIFT_EIO && !t,
          "a missing file: %s", e2);

    rift_tagger_free(tagger);
    rift_morph_free(morph);
    return TEST_DONE();
}
