/* eval.h: what the files of "rift eval" share with eval.c (the name filter,
 * the person-coreference measure, precision/recall rows) and the commands
 * for the name corpora, coreference and LitBank quotes.  Uses only rift.h.
 */
#ifndef RIFT_EVAL_H
#define RIFT_EVAL_H

#include "cli.h"
#include "gold.h"

/* tp: gold items found; ptp: predictions that match (equal to tp when
 * matching is one to one) */
typedef struct prf { long tp, fp, fn, ptp; } prf;

/* "  label  gold pred match  prec rec F1" */
void eval_prf_row(const char *label, const prf *r);
/* "key":{"gold":..,"predicted":..,"matched":..,"precision":..,...} */
void eval_prf_json(const char *key, const prf *r, bool comma);

/* rift's entity type as GOLD_PERSON/ORG/LOC (OUTLET is ORG) */
int eval_map_type(rift_entity_type t);
/* a mention that names (past a leading article, a capital letter, and not a
 * pronoun): what NER counts of rift's mentions */
/* Whether a gold time value and rift's say the same; day_intervals: the gold
 * writes weeks, months and decades as day intervals (GUM) (timeval.c). */
bool eval_time_same(const char *gold, const char *rift, bool day_intervals);

bool eval_looks_named(const char *text, uint32_t s, uint32_t e);

/* "person mentions in the right entity" (docs/accuracy.md): gold PERSON
 * mentions of chains with two or more in [0, scored_end) */
typedef struct person_coref { long total, found, right, purity_num, purity_den; } person_coref;
void eval_person_coref(const gold_doc *d, const rift_entity *ents, size_t ne,
                       person_coref *pc, bool verbose);

/* rift eval entities --corpus uner|crossner|wikigold|ner (eval_ner.c) */
bool eval_ner_wanted(int argc, char **argv);
int cmd_eval_ner(int argc, char **argv);
/* rift eval coref (eval_coref.c) */
int cmd_eval_coref(int argc, char **argv);
/* rift eval quotes --corpus litbank (eval_litbank.c) */
bool eval_litbank_wanted(int argc, char **argv);
int cmd_eval_litbank(int argc, char **argv);

/* events rift coded: how many, without a source, without a target (no
 * target actor nor object_text), without one or both, and the sum of their
 * confidences (eval_srl.c) */
typedef struct eval_evstats { long events, no_source, no_target, no_either; double conf; } eval_evstats;
void eval_evstats_add(eval_evstats *s, const rift_event *e, size_t n);
/* "  coded events N: without a source ...; mean confidence C" */
void eval_evstats_print(const eval_evstats *s);
/* rift eval events --corpus qasrl|propbank (eval_srl.c): the corpus named
 * by argv's --corpus when it is one of those (and no --help), else NULL */
const char *eval_srl_corpus(int argc, char **argv);
int cmd_eval_srl(int argc, char **argv, const char *corpus);

#endif
