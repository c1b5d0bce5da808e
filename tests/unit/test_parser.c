/* test_parser.c: the dependency parser on hand-tagged sentences (subject and
 * object, passive agent, relative clause), trees on odd inputs, bad files.
 */
#include "syntax.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#ifndef MODEL
#define MODEL "data/en/parser.bin"
#endif

typedef struct sent {
    rift_sw w[64];
    char buf[1024];
    size_t n;
} sent;

/* "form/XPOS/UPOS/lemma ..." -> a tagged, lemmatised sentence */
static void make(sent *s, const char *spec)
{
    memset(s, 0, sizeof *s);
    strncpy(s->buf, spec, sizeof s->buf - 1);
    char *save = NULL;
    for (char *tok = strtok_r(s->buf, " ", &save); tok && s->n < 64;
         tok = strtok_r(NULL, " ", &save)) {
        char *x = strchr(tok, '/');
        char *u = x ? strchr(x + 1, '/') : NULL;
        char *l = u ? strchr(u + 1, '/') : NULL;
        if (!l)
            continue;
        *x++ = '\0';
        *u++ = '\0';
        *l++ = '\0';
        rift_sw *w = &s->w[s->n++];
        w->form = tok;
        w->len = (uint32_t)strlen(tok);
        int xi = rift_xpos_id(x, strlen(x)), ui = rift_upos_id(u, strlen(u));
        w->xpos = (uint8_t)(xi > 0 ? xi : 0);
        w->upos = (uint8_t)(ui > 0 ? ui : 0);
        w->lemma = l;
    }
    rift_sw_prepare(s->w, s->n);
}

/* one root, every head in range, no cycle (each word reaches the root) */
static int is_tree(const rift_sw *w, size_t n)
{
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i].head == -1)
            roots++;
        else if (w[i].head < 0 || (size_t)w[i].head >= n || (size_t)w[i].head == i)
            return 0;
        if (!w[i].deprel)
            return 0;
    }
    if (roots != 1)
        return 0;
    /* mark words whose path to the root is known: linear overall */
    unsigned char *ok = calloc(n ? n : 1, 1);
    size_t *path = malloc((n ? n : 1) * sizeof *path);
    int good = 1;
    for (size_t i = 0; i < n && good; i++) {
        size_t k = 0, j = i;
        while (!ok[j] && w[j].head != -1) {
            if (k > n) { good = 0; break; }
            path[k++] = j;
            j = (size_t)w[j].head;
        }
        ok[j] = 1;
        while (k)
            ok[path[--k]] = 1;
    }
    free(ok);
    free(path);
    return good;
}

static int find(const sent *s, const char *form)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].len == strlen(form) && memcmp(s->w[i].form, form, s->w[i].len) == 0)
            return (int)i;
    return -1;
}

static void arc(const sent *s, const char *dep, const char *head, const char *label)
{
    int d = find(s, dep), h = head ? find(s, head) : -1;
    CHECK(d >= 0 && s->w[d].head == h, "%s <- %s: head %d, want %d", head ? head : "ROOT",
          dep, d >= 0 ? s->w[d].head : -9, h);
    CHECK_STR(d >= 0 ? s->w[d].deprel : NULL, label, dep);
}

static void parse(const rift_parser *p, sent *s)
{
    rift_arena a;
    rift_arena_init(&a);
    rift_parser_parse(p, s->w, s->n, &a);
    rift_arena_release(&a);
    CHECK(is_tree(s->w, s->n), "a tree with one root (%zu words)", s->n);
}

static void sentences(const rift_parser *p)
{
    sent s;
    make(&s, "The/DT/DET/the dog/NN/NOUN/dog chased/VBD/VERB/chase the/DT/DET/the "
             "cat/NN/NOUN/cat ./././.");
    parse(p, &s);
    arc(&s, "chased", NULL, "root");
    arc(&s, "dog", "chased", "nsubj");
    arc(&s, "cat", "chased", "obj");
    arc(&s, ".", "chased", "punct");

    make(&s, "The/DT/DET/the letter/NN/NOUN/letter was/VBD/AUX/be written/VBN/VERB/write "
             "by/IN/ADP/by the/DT/DET/the mayor/NN/NOUN/mayor ./././.");
    parse(p, &s);
    arc(&s, "written", NULL, "root");
    arc(&s, "letter", "written", "nsubj:pass");
    arc(&s, "was", "written", "aux:pass");
    arc(&s, "mayor", "written", "obl:agent");
    arc(&s, "by", "mayor", "case");

    make(&s, "She/PRP/PRON/she met/VBD/VERB/meet the/DT/DET/the man/NN/NOUN/man "
             "who/WP/PRON/who owns/VBZ/VERB/own the/DT/DET/the farm/NN/NOUN/farm ./././.");
    parse(p, &s);
    arc(&s, "met", NULL, "root");
    arc(&s, "She", "met", "nsubj");
    arc(&s, "man", "met", "obj");
    arc(&s, "owns", "man", "acl:relcl");
    arc(&s, "who", "owns", "nsubj");
    arc(&s, "farm", "owns", "obj");

    make(&s, "He/PRP/PRON/he gave/VBD/VERB/give up/RP/ADP/up after/IN/ADP/after "
             "two/CD/NUM/two hours/NNS/NOUN/hour ./././.");
    parse(p, &s);
    arc(&s, "up", "gave", "compound:prt");
    arc(&s, "hours", "gave", "obl");
}

static void odd_inputs(const rift_parser *p)
{
    rift_arena a;
    rift_arena_init(&a);
    rift_parser_parse(p, NULL, 0, &a);   /* nothing to do, no crash */
    CHECK(1, "n = 0");

    sent s;
    make(&s, "Hello/UH/INTJ/hello");
    parse(p, &s);
    CHECK(s.w[0].head == -1 && strcmp(s.w[0].deprel, "root") == 0, "one word is the root");

    /* 10000 punctuation marks, then 3000 unknown untagged words */
    size_t big = 10000;
    rift_sw *w = calloc(big, sizeof *w);
    for (size_t i = 0; i < big; i++) {
        w[i].form = i % 3 ? "," : ".";
        w[i].len = 1;
        w[i].xpos = (uint8_t)rift_xpos_id(i % 3 ? "," : ".", 1);
        w[i].upos = RIFT_UPOS_PUNCT;
        w[i].lemma = w[i].form;
    }
    rift_sw_prepare(w, big);
    rift_parser_parse(p, w, big, &a);
    CHECK(is_tree(w, big), "10000 punctuation marks: a tree with one root");
    static const char *junk[] = {"qzx", "\xff\xfe", "Blorf", "", "12:34", "zz-top"};
    for (size_t i = 0; i < 3000; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].form = junk[i % 6];
        w[i].len = (uint32_t)strlen(junk[i % 6]);
    }
    rift_sw_prepare(w, 3000);
    rift_parser_parse(p, w, 3000, &a);
    CHECK(is_tree(w, 3000), "3000 unknown untagged words: a tree with one root");
    free(w);
    rift_arena_release(&a);
}

static void bad_files(void)
{
    FILE *f = fopen(MODEL, "rb");
    CHECK(f != NULL, "open %s", MODEL);
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)len);
    size_t got = fread(buf, 1, (size_t)len, f);
    fclose(f);
    CHECK(got == (size_t)len, "read the model");
    char tmp[] = "/tmp/rift-test-parser-XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0, "temporary file");
    if (fd < 0) {
        free(buf);
        return;
    }
    FILE *out = fdopen(fd, "wb");
    long cuts[] = {0, 4, 8, 12, 16, 40, 200, len / 3, len / 2, len - 4, len - 1};
    int failed = 0;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        out = freopen(tmp, "wb", out);
        fwrite(buf, 1, (size_t)cuts[i], out);
        fflush(out);
        rift_parser *p = NULL;
        char err[256] = "";
        rift_status st = rift_parser_load(tmp, &p, err, sizeof err);
        if (st == RIFT_OK || p || !strstr(err, tmp))
            failed++;
        rift_parser_free(p);
    }
    CHECK(failed == 0, "a truncated model gives an error naming the file (%d bad)", failed);

    /* flipped bytes: an error, or a model that still parses safely */
    unsigned seed = 12345;
    int loaded = 0, trees = 0;
    for (int k = 0; k < 30; k++) {
        unsigned char *c = malloc((size_t)len);
        memcpy(c, buf, (size_t)len);
        for (int j = 0; j < 4; j++) {
            seed = seed * 1103515245u + 12345u;
            long at = k < 15 ? (long)(seed >> 8) % (len < 600 ? len : 600)
                             : (long)(seed >> 4) % len;
            c[at] ^= (unsigned char)(1u << (seed >> 28 & 7));
        }
        out = freopen(tmp, "wb", out);
        fwrite(c, 1, (size_t)len, out);
        fflush(out);
        free(c);
        rift_parser *p = NULL;
        char err[256];
        if (rift_parser_load(tmp, &p, err, sizeof err) == RIFT_OK) {
            loaded++;
            sent s;
            make(&s, "The/DT/DET/the dog/NN/NOUN/dog barked/VBD/VERB/bark ./././.");
            rift_arena a;
            rift_arena_init(&a);
            rift_parser_parse(p, s.w, s.n, &a);
            rift_arena_release(&a);
            trees += is_tree(s.w, s.n);
        }
        rift_parser_free(p);
    }
    CHECK(trees == loaded, "corrupted models: no crash, trees (%d of 30 still loaded)", loaded);
    fclose(out);
    remove(tmp);
    free(buf);

    rift_parser *p = NULL;
    char err[256] = "";
    CHECK(rift_parser_load("/nonexistent/parser.bin", &p, err, sizeof err) != RIFT_OK &&
          !p && strstr(err, "/nonexistent/parser.bin"), "a missing file: %s", err);
}

int main(void)
{
    rift_parser *p = NULL;
    char err[512];
    rift_status st = rift_parser_load(MODEL, &p, err, sizeof err);
    CHECK(st == RIFT_OK, "load %s: %s", MODEL, st == RIFT_OK ? "ok" : err);
    if (st != RIFT_OK)
        return TEST_DONE();
    sentences(p);
    odd_inputs(p);
    rift_parser_free(p);
    bad_files();
    return TEST_DONE();
}
