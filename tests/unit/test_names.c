/* test_names.c: unit tests of the name recogniser (src/ner.c, names.c)
 * with the committed data/en/ner.bin; invented sentences and corrupt files.
 */
#include "ner_int.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rift_model *model;

static rift_doc *analyze(const char *text)
{
    rift_article a = {0};
    a.text = text;
    a.text_len = strlen(text);
    rift_doc *d = NULL;
    rift_doc_analyze(model, &a, NULL, &d);
    return d;
}

/* the model's name over the words `what`, or -1 */
static int name_type(const rift_doc *d, const char *what)
{
    const char *at = strstr(d->text, what);
    if (!at)
        return -2;
    uint32_t s = (uint32_t)(at - d->text), e = s + (uint32_t)strlen(what);
    for (size_t k = 0; k < d->n_names; k++) {
        const rift_name *n = &d->names[k];
        if (d->tokens[n->tok_begin].start == s && d->tokens[n->tok_end - 1].end == e)
            return n->type;
    }
    return -1;
}

static const rift_entity *entity(const rift_doc *d, const char *name)
{
    for (size_t k = 0; k < d->n_entities; k++)
        if (d->entities[k].name && !strcmp(d->entities[k].name, name))
            return &d->entities[k];
    return NULL;
}

static void names(void)
{
    rift_doc *d = analyze("Maria Lindqvist, the finance minister, flew to Nairobi on Tuesday "
                          "for talks with the World Bank.\n\nLindqvist said the talks went well.\n");
    CHECK(name_type(d, "Maria Lindqvist") == NER_PER, "a first name and a surname: a person (%d)",
          name_type(d, "Maria Lindqvist"));
    CHECK(name_type(d, "Nairobi") == NER_LOC, "after 'flew to': a place (%d)", name_type(d, "Nairobi"));
    CHECK(name_type(d, "World Bank") == NER_ORG, "the World Bank: an organisation (%d)",
          name_type(d, "World Bank"));
    CHECK(name_type(d, "Tuesday") == -1, "a weekday is no name");
    const rift_entity *e = entity(d, "Maria Lindqvist");
    CHECK(e && e->type == RIFT_ENT_PERSON && e->n_mentions >= 2,
          "the surname alone joins the person");
    CHECK(e && e->confidence > 0.5 && e->confidence <= 1, "a confident person (%.3f)",
          e ? e->confidence : -1.0);
    for (size_t k = 0; k < d->n_names; k++)
        CHECK(d->names[k].prob > 0 && d->names[k].prob <= 1, "probability in (0, 1]: %.3f",
              (double)d->names[k].prob);
    rift_doc_free(d);
    /* without the syntax stage the model does not run: no scores */
    rift_analyze_options o = {0};
    o.no_syntax = 1;
    rift_article a = {0};
    a.text = "Maria Lindqvist flew to Nairobi.";
    a.text_len = strlen(a.text);
    rift_doc_analyze(model, &a, &o, &d);
    CHECK(d->n_names == 0 && d->n_entities >= 1 && d->entities[0].confidence == 0,
          "--no-syntax: the rules alone, no confidence");
    rift_doc_free(d);
}

/* a model file cut short, padded or with a bad header is refused with a
 * message naming it */
static void corrupt(void)
{
    FILE *f = fopen("data/en/ner.bin", "rb");
    CHECK(f != NULL, "open data/en/ner.bin");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n + 1);
    CHECK(fread(b, 1, (size_t)n, f) == (size_t)n, "read the model");
    fclose(f);
    char tmp[] = "/tmp/rift-ner-XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0, "temporary file");
    if (fd < 0) {
        free(b);
        return;
    }
    close(fd);
    long cuts[] = {0, 7, 39, 40, n / 2, n - 1, n + 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        f = fopen(tmp, "wb");
        fwrite(b, 1, (size_t)(cuts[k] < n ? cuts[k] : n), f);
        if (cuts[k] > n)
            fputc(0, f);
        fclose(f);
        rift_ner *m = NULL;
        char err[256] = "";
        rift_status st = rift_ner_load(tmp, &m, err, sizeof err);
        CHECK(st == RIFT_EFORMAT && m == NULL && strstr(err, tmp),
              "%ld of %ld bytes: refused (%s)", cuts[k], n, err);
        rift_ner_free(m);
    }
    unsigned char save = b[12];
    b[12] = 99; /* classes */
    f = fopen(tmp, "wb");
    fwrite(b, 1, (size_t)n, f);
    fclose(f);
    rift_ner *m = NULL;
    char err[256] = "";
    CHECK(rift_ner_load(tmp, &m, err, sizeof err) == RIFT_EFORMAT && strstr(err, "bad sizes"),
          "a wrong class count: %s", err);
    b[12] = save;
    unlink(tmp);
    free(b);
}

int main(void)
{
    rift_status st = rift_model_open("data/en", &model);
    CHECK(st == RIFT_OK, "model opens: %s", rift_model_errmsg(model));
    if (st != RIFT_OK)
        return 1;
    CHECK(model->ner != NULL, "the name model is loaded");
    names();
    corrupt();
    rift_model_close(model);
    return TEST_DONE();
}
