/* tags.c: the tag sets of the syntax layer (UD UPOS, Penn XPOS as UD English
 * uses them) and the normal form every syntax model reads (rift_sw_prepare).
 */
#include "syntax.h"

#include <string.h>

static const char *const upos_names[RIFT_N_UPOS] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

static const char *const xpos_names[RIFT_N_XPOS] = {
    "_", "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", ",", "NNS", "VB",
    "CC", "VBD", "VBP", "VBZ", "CD", "VBN", "VBG", "TO", "MD", "PRP$", "UH",
    ":", "-RRB-", "-LRB-", "WDT", "WRB", "WP", "HYPH", "``", "''", "RP",
    "POS", "NNPS", "JJR", "JJS", "EX", "RBR", "SYM", "FW", "NFP", "$", "GW",
    "ADD", "PDT", "RBS", "LS", "AFX", "WP$", "XX"};

const char *rift_upos_name(rift_upos u)
{
    return (unsigned)u < RIFT_N_UPOS ? upos_names[u] : "_";
}

const char *rift_xpos_name(unsigned id)
{
    return id < RIFT_N_XPOS ? xpos_names[id] : "_";
}

static int find(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

int rift_upos_id(const char *name, size_t len)
{
    return find(upos_names, RIFT_N_UPOS, name, len);
}

int rift_xpos_id(const char *name, size_t len)
{
    return find(xpos_names, RIFT_N_XPOS, name, len);
}

/* Appends b[0..n) to the norm of w when it fits whole (so no character is
 * ever cut in two). */
static bool put(rift_sw *w, const char *b, size_t n)
{
    if (w->nlen + n >= RIFT_SW_NORM)
        return false;
    memcpy(w->norm + w->nlen, b, n);
    w->nlen = (uint8_t)(w->nlen + n);
    return true;
}

void rift_sw_prepare(rift_sw *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        rift_sw *x = &w[k];
        const char *s = x->form;
        size_t len = x->len;
        x->nlen = 0;
        bool room = true;
        for (size_t i = 0; i < len && room;) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                room = put(x, s + i, 1);
                i++;
                continue;
            }
            int cl;
            int32_t cp = rift_utf8_decode(s, len, i, &cl);
            switch (cp) {
            case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
                room = put(x, "'", 1); break;
            case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
            case 0x00BB: case 0x2033:
                room = put(x, "\"", 1); break;
            case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
                room = put(x, "-", 1); break;
            case 0x2014: case 0x2015:
                room = put(x, "--", 2); break;
            case 0x2026:
                room = put(x, "...", 3); break;
            case 0x00A0:
                room = put(x, " ", 1); break;
            default: /* an invalid byte decodes as U+FFFD of length one */
                room = cp == 0xFFFD && cl == 1 ? put(x, "\xEF\xBF\xBD", 3)
                                                : put(x, s + i, (size_t)cl);
            }
            i += (size_t)cl;
        }
        x->norm[x->nlen] = '\0';
    }
}
