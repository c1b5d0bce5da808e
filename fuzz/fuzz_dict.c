/* fuzz_dict.c: libFuzzer target for the dictionary loaders: the input,
 * written to a file, is loaded as the kind its first byte picks (PETRARCH
 * verbs, agents or discards; an actor list).  It must load, or fail with a
 * message; either way an article then analyses with what was loaded.
 */
#include "rift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/rift-fuzz-dict-XXXXXX";
static char path[64];
static rift_model *model;

static void cleanup(void)
{
    rift_model_close(model);
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rift_status (*const add[])(rift_model *, const char *) = {
        rift_model_add_verbs, rift_model_add_agents, rift_model_add_discards,
        rift_model_add_actors};
    static unsigned uses;
    if (!path[0]) {
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/dict.txt", dir);
        atexit(cleanup);
    }
    /* dictionaries add up in a model: a fresh one now and then */
    if (!model || ++uses % 256 == 0) {
        rift_model_close(model);
        model = NULL;
        if (rift_model_open(NULL, &model) != RIFT_OK)
            abort();
    }
    FILE *f = fopen(path, "wb");
    if (!f || (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1) || fclose(f) != 0)
        abort();
    rift_status st = add[size ? data[0] % 4 : 0](model, path);
    if (st != RIFT_OK && !*rift_model_errmsg(model))
        abort();
    rift_article a = {0};
    a.text = "Governor Teodora Brask accused the Ministry of Trade of lying on Monday. "
             "Russian troops attacked Ukrainian forces, and the minister resigned.";
    a.text_len = strlen(a.text);
    rift_doc *d = NULL;
    if (rift_doc_analyze(model, &a, NULL, &d) != RIFT_OK)
        abort();
    rift_doc_free(d);
    return 0;
}
