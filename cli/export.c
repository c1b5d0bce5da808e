/* export.c: "rift export": the store's events, quotes or entities in the
 * formats event-data work uses (PLOVER JSON, GDELT-like TSV, CSV, JSON Lines).
 * Reads the store through rift.h only; never writes to it.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef enum fmt { FMT_PLOVER, FMT_GDELT, FMT_CSV, FMT_JSONL } fmt;
typedef enum fkind { F_STR, F_INT, F_REAL, F_OPT, F_BOOL } fkind;

/* One field of an output row: a string (NULL: null, or empty in CSV and
 * TSV), a whole number, a number, a number in [0, 1] that is unknown when
 * negative (written as null or empty), or a boolean. */
typedef struct fld {
    const char *name;
    fkind kind;
    const char *s;
    double d;
} fld;

#define S(n, v) {n, F_STR, v, 0}
#define I(n, v) {n, F_INT, NULL, (double)(v)}
#define R(n, v) {n, F_REAL, NULL, v}
#define O(n, v) {n, F_OPT, NULL, v}
#define B(n, v) {n, F_BOOL, NULL, (v) ? 1 : 0}
#define NF(a) (sizeof a / sizeof *a)

typedef struct ectx {
    FILE *out;
    fmt format;
    long rows;
    bool header_done;
    bool header_only;    /* a row of no data: only the header line (CSV, TSV) */
} ectx;

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (s[0] > 0xF4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* A JSON string: control characters, U+2028 and U+2029 escaped (raw, they
 * split lines in common tools), an invalid byte as U+FFFD. */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_len(p);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
        } else if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            fprintf(f, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
            p += 3;
        } else if (*p == '"' || *p == '\\') {
            fprintf(f, "\\%c", *p++);
        } else if (*p < 0x20) {
            fprintf(f, "\\u%04x", *p++);
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    fputc('"', f);
}

/* An RFC 4180 field: quoted when it holds a comma, a quote or a line break,
 * quotes doubled. */
static void csv_str(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A TSV field: tabs and line breaks become spaces. */
static void tsv_str(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void put_value(FILE *f, fmt format, const fld *x)
{
    bool json = format == FMT_JSONL || format == FMT_PLOVER;
    if ((x->kind == F_STR && !x->s) || (x->kind == F_OPT && x->d < 0)) {
        if (json)
            fputs("null", f);
        return;
    }
    switch (x->kind) {
    case F_STR:
        if (json)
            json_str(f, x->s);
        else if (format == FMT_CSV)
            csv_str(f, x->s);
        else
            tsv_str(f, x->s);
        break;
    case F_INT: fprintf(f, "%.0f", x->d); break;
    case F_REAL: case F_OPT: fprintf(f, "%g", x->d); break;
    case F_BOOL: fputs(x->d ? "true" : "false", f); break;
    }
}

/* One row in the chosen format; the header line first for CSV and TSV. */
static void put_row(ectx *c, const fld *x, size_t n)
{
    char sep = c->format == FMT_CSV ? ',' : '\t';
    if (c->format == FMT_JSONL || c->format == FMT_PLOVER) {
        fputc('{', c->out);
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc(',', c->out);
            json_str(c->out, x[i].name);
            fputc(':', c->out);
            put_value(c->out, c->format, &x[i]);
        }
        fputs("}\n", c->out);
    } else {
        if (!c->header_done) {
            for (size_t i = 0; i < n; i++)
                fprintf(c->out, "%s%s", i ? (char[]){sep, 0} : "", x[i].name);
            fputs(c->format == FMT_CSV ? "\r\n" : "\n", c->out);
            c->header_done = true;
        }
        if (c->header_only)
            return;
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc(sep, c->out);
            put_value(c->out, c->format, &x[i]);
        }
        fputs(c->format == FMT_CSV ? "\r\n" : "\n", c->out);
    }
    c->rows++;
}

/* ---- events ---------------------------------------------------------------- */

/* The country (first three letters, unless "---") and the sector (the next
 * three) of a CAMEO actor code such as "ISRMIL"; NULL when absent. */
static const char *code_part(const char *code, int part, char buf[4])
{
    size_t at = part ? 3 : 0;
    if (!code || strlen(code) < at + 3 || !strncmp(code + at, "---", 3))
        return NULL;
    memcpy(buf, code + at, 3);
    buf[3] = '\0';
    return buf;
}

/* GDELT's QuadClass from the CAMEO root: 1 verbal cooperation (01-05),
 * 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material
 * conflict (14-20); 0 when there is no code. */
static int quad_class(int root)
{
    return root >= 1 && root <= 5 ? 1 : root <= 8 && root > 0 ? 2 : root <= 13 && root > 0 ? 3
         : root <= 20 && root > 0 ? 4 : 0;
}

/* YYYYMMDD of a date that is a whole day, else of the article's date. */
static const char *sql_date(const rift_event_row *e, char buf[9])
{
    const char *d[] = {e->date, e->article_date};
    for (size_t i = 0; i < 2; i++) {
        if (d[i] && rift_date_read(d[i], NULL, NULL, NULL) == RIFT_OK) {
            memcpy(buf, d[i], 4);
            memcpy(buf + 4, d[i] + 5, 2);
            memcpy(buf + 6, d[i] + 8, 2);
            buf[8] = '\0';
            return buf;
        }
    }
    return NULL;
}

static int event_out(const rift_event_row *e, void *arg)
{
    ectx *c = arg;
    char sc[4], ss[4], tc[4], ts[4], id[64];
    if (c->format == FMT_PLOVER) {
        snprintf(id, sizeof id, "%ld-%ld", e->article, e->idx);
        fld x[] = {S("id", id), S("date", e->date), S("event_type", e->plover),
                   S("mode", e->mode), S("context", NULL),
                   S("actor", e->source), S("actor_code", e->source_code),
                   S("actor_country", code_part(e->source_code, 0, sc)),
                   S("actor_sector", code_part(e->source_code, 1, ss)),
                   S("actor_text", e->source_text),
                   S("recipient", e->target), S("recipient_code", e->target_code),
                   S("recipient_country", code_part(e->target_code, 0, tc)),
                   S("recipient_sector", code_part(e->target_code, 1, ts)),
                   S("recipient_text", e->target_text),
                   S("cameo", e->cameo), R("goldstein", e->goldstein),
                   I("story_id", e->story), I("article_id", e->article),
                   S("doc_id", e->doc_id), S("url", e->url), S("outlet", e->outlet),
                   S("publication_date", e->article_date), S("sentence", e->sentence),
                   S("trigger", e->trigger), S("modality", e->modality),
                   B("negated", e->negated), S("attributed_to", e->attributed_to),
                   O("confidence", e->confidence)};
        put_row(c, x, NF(x));
        return 0;
    }
    if (c->format == FMT_GDELT) {
        /* one row per coded event, not per mention: the group's first */
        if (!c->header_only && (!e->group_first || !e->cameo || e->negated ||
                                (e->modality && strcmp(e->modality, "asserted"))))
            return 0;
        char day[9], base[4], root[3];
        snprintf(base, sizeof base, "%.3s", e->cameo);
        snprintf(root, sizeof root, "%.2s", e->cameo);
        fld x[] = {I("GlobalEventID", e->group), S("SQLDATE", sql_date(e, day)),
                   S("Actor1Code", e->source_code), S("Actor1Name", e->source),
                   S("Actor1CountryCode", code_part(e->source_code, 0, sc)),
                   S("Actor2Code", e->target_code), S("Actor2Name", e->target),
                   S("Actor2CountryCode", code_part(e->target_code, 0, tc)),
                   S("EventCode", e->cameo), S("EventBaseCode", base),
                   S("EventRootCode", root), I("QuadClass", quad_class(atoi(root))),
                   R("GoldsteinScale", e->goldstein), I("NumMentions", e->n_mentions),
                   I("NumSources", e->n_sources), I("NumArticles", e->n_articles),
                   S("SOURCEURL", e->url)};
        put_row(c, x, NF(x));
        return 0;
    }
    fld x[] = {I("article", e->article), I("idx", e->idx), I("story", e->story),
               S("doc_id", e->doc_id), S("url", e->url), S("outlet", e->outlet),
               S("article_date", e->article_date), S("source", e->source),
               S("target", e->target), S("source_type", e->source_type),
               S("target_type", e->target_type), S("source_code", e->source_code),
               S("target_code", e->target_code), S("source_text", e->source_text),
               S("target_text", e->target_text), S("plover", e->plover), S("mode", e->mode),
               S("cameo", e->cameo), R("goldstein", e->goldstein), B("negated", e->negated),
               S("date", e->date), S("date_origin", e->date_origin),
               S("modality", e->modality), S("attributed_to", e->attributed_to),
               S("attribution", e->attribution), S("object_text", e->object_text),
               O("confidence", e->confidence), S("trigger", e->trigger),
               S("sentence", e->sentence), I("claim", e->claim), I("group", e->group),
               I("mentions", e->n_mentions), I("sources", e->n_sources),
               I("articles", e->n_articles)};
    put_row(c, x, NF(x));
    return 0;
}

static int quote_out(const rift_quote_export_row *q, void *arg)
{
    fld x[] = {I("article", q->article), I("idx", q->idx), S("doc_id", q->doc_id),
               S("url", q->url), S("outlet", q->outlet), S("date", q->date),
               S("speaker", q->speaker), S("speaker_kind", q->speaker_kind),
               S("speaker_text", q->speaker_text), S("cue", q->cue), S("via", q->via_name),
               S("text", q->text), B("fragment", q->fragment), I("claim", q->claim),
               I("articles", q->n_articles), I("outlets", q->n_outlets)};
    put_row(arg, x, NF(x));
    return 0;
}

static int entity_out(const rift_entity_row *e, void *arg)
{
    fld x[] = {I("article", e->article), I("idx", e->idx), S("doc_id", e->doc_id),
               S("name", e->name), S("type", e->type), S("roles", e->roles),
               S("code", e->code), I("actor", e->actor), S("actor_name", e->actor_name),
               I("mentions", e->n_mentions), O("confidence", e->confidence)};
    put_row(arg, x, NF(x));
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: rift export --db STORE --format F [--what W] [-o FILE]\n"
        "\n"
        "Writes the rows of a store (made by rift analyze --db) in a format other\n"
        "tools read; the fields of each are listed in docs/schema.md.\n"
        "\n"
        "options:\n"
        "  --db STORE          the store to read (required): a file, or postgresql://...\n"
        "  --format F          plover: events, one PLOVER-style JSON object per line;\n"
        "                      gdelt: events as a GDELT-1.0-like TSV with a header,\n"
        "                      one row per coded event (asserted, not negated, with\n"
        "                      a CAMEO code) with its mentions, sources and articles;\n"
        "                      csv: RFC 4180 CSV with a header; jsonl: one JSON\n"
        "                      object per row\n"
        "  --what W            events (default), quotes or entities (csv and jsonl)\n"
        "  -o, --output FILE   where to write (default: standard output)\n"
        "  -h, --help          this text\n");
}

int cmd_export(int argc, char **argv)
{
    static const struct option lo[] = {
        {"db", required_argument, 0, 'b'}, {"format", required_argument, 0, 'f'},
        {"what", required_argument, 0, 'w'}, {"output", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *db = NULL, *out = NULL, *what = "events", *format = NULL;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'f': format = optarg; break;
        case 'w': what = optarg; break;
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    static const char *const fnames[] = {"plover", "gdelt", "csv", "jsonl"};
    int fi = -1;
    for (int i = 0; format && i < 4; i++)
        if (!strcmp(format, fnames[i]))
            fi = i;
    int wi = !strcmp(what, "events") ? 0 : !strcmp(what, "quotes") ? 1
           : !strcmp(what, "entities") ? 2 : -1;
    if (!db || optind < argc || fi < 0 || wi < 0 || (wi && fi < FMT_CSV)) {
        if (!db)
            cli_error("export: --db STORE is required");
        else if (optind < argc)
            cli_error("export: unexpected argument '%s'", argv[optind]);
        else if (fi < 0)
            cli_error("export: --format wants plover, gdelt, csv or jsonl%s%s%s",
                      format ? ", not '" : "", format ? format : "", format ? "'" : "");
        else if (wi < 0)
            cli_error("export: --what wants events, quotes or entities, not '%s'", what);
        else
            cli_error("export: --format %s writes events; quotes and entities go out as "
                      "csv or jsonl", format);
        return EXIT_USAGE;
    }
    rift_store *st = cli_store_open_existing(db, "export: ");
    if (!st)
        return 1;
    FILE *f = out && strcmp(out, "-") ? fopen(out, "w") : stdout;
    if (!f) {
        cli_error("export: %s: cannot write it", out);
        rift_store_close(st);
        return 1;
    }
    ectx c = {f, (fmt)fi, 0, false, false};
    rift_status s = wi == 0 ? rift_store_events(st, event_out, &c)
                  : wi == 1 ? rift_store_quote_rows(st, quote_out, &c)
                            : rift_store_entities(st, entity_out, &c);
    if (s == RIFT_OK && !c.header_done && (fi == FMT_GDELT || fi == FMT_CSV)) {
        /* no row: the header alone */
        c.header_only = true;
        if (wi == 0)
            event_out(&(rift_event_row){0}, &c);
        else if (wi == 1)
            quote_out(&(rift_quote_export_row){0}, &c);
        else
            entity_out(&(rift_entity_row){0}, &c);
    }
    int rc = 0;
    if (s != RIFT_OK) {
        cli_error("export: %s", rift_store_errmsg(st));
        rc = 1;
    }
    if (f == stdout) {
        if (!cli_stdout_ok())
            rc = 1;
    } else if (ferror(f) | fclose(f)) {
        cli_error("export: %s: write failed", out);
        rc = 1;
    }
    rift_store_close(st);
    return rc;
}
