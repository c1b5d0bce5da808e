/* tagger_eval.h: the parts of train_tagger.c that evaluate a saved model
 * and jackknife the training tags; included once, by train_tagger.c.
 */
#ifndef RIFT_TAGGER_EVAL_H
#define RIFT_TAGGER_EVAL_H

/* ---- evaluation with the saved model ---------------------------------- */

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int eval(const char *file, const char *mpath)
{
    rift_tagger *t;
    char err[512];
    double t0 = now_sec();
    if (rift_tagger_load(mpath, &t, err, sizeof err) != RIFT_OK)
        die("%s", err);
    double tload = now_sec() - t0;
    corpus c;
    load_corpus(file, &c);
    rift_arena a;
    rift_arena_init(&a);
    size_t ok_u = 0, ok_x = 0, ok_b = 0;
    for (size_t j = 0; j < c.n; j++) {
        sent *s = &c.s[j];
        rift_tagger_tag(t, s->w, s->n, &a);
        for (size_t i = 0; i < s->n; i++) {
            ok_u += s->w[i].upos == s->gu[i];
            ok_x += s->w[i].xpos == s->gx[i];
            ok_b += s->w[i].upos == s->gu[i] && s->w[i].xpos == s->gx[i];
            if (getenv("TG_ERRORS") && s->w[i].upos != s->gu[i])
                printf("ERR %s %s>%s\n", s->w[i].norm,
                       rift_upos_name((rift_upos)s->gu[i]),
                       rift_upos_name((rift_upos)s->w[i].upos));
        }
    }
    int reps = getenv("TG_REPS") ? atoi(getenv("TG_REPS")) : 5;
    t0 = now_sec();
    for (int r = 0; r < reps; r++)
        for (size_t j = 0; j < c.n; j++)
            rift_tagger_tag(t, c.s[j].w, c.s[j].n, &a);
    double dt = now_sec() - t0;
    double n = (double)c.ntok;
    printf("%s: %zu sentences, %zu words\n", file, c.n, c.ntok);
    printf("UPOS %.2f  XPOS %.2f  UPOS+XPOS %.2f\n", 100 * ok_u / n,
           100 * ok_x / n, 100 * ok_b / n);
    if (reps > 0)
        printf("speed %.0f words/s (tagger alone), load %.1f ms\n",
               n * reps / dt, 1000 * tload);
    rift_arena_release(&a);
    rift_tagger_free(t);
    free_corpus(&c);
    return 0;
}

/* ---- jackknife ---------------------------------------------------------- */

/* Copies the CoNLL-U file to stdout with the UPOS and XPOS of each word
 * line replaced by pred (in file order). */
static void write_jackknifed(const char *path, const corpus *c, int *const *pred,
                             const classes *const *kl)
{
    char cmd[4096];
    FILE *f;
    size_t len = strlen(path);
    bool xz = len > 3 && strcmp(path + len - 3, ".xz") == 0;
    if (xz) {
        snprintf(cmd, sizeof cmd, "xz -dc '%s'", path);
        f = popen(cmd, "r");
    } else
        f = fopen(path, "r");
    if (!f)
        die("%s: cannot open", path);
    char *line = NULL;
    size_t cap = 0, sj = 0, wi = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *tab = strchr(line, '\t');
        bool word = tab && line[0] >= '0' && line[0] <= '9';
        for (char *p = line; word && p < tab; p++)
            if (*p < '0' || *p > '9')
                word = false;
        if (!word) {
            fputs(line, stdout);
            continue;
        }
        while (sj < c->n && wi >= c->s[sj].n) {
            sj++;
            wi = 0;
        }
        if (sj >= c->n)
            die("%s: more words than read", path);
        int k = pred[sj][wi];
        const classes *cl = kl[sj];
        wi++;
        /* columns: ID FORM LEMMA UPOS XPOS rest */
        char *col[10];
        int nc = 0;
        char *p = line;
        col[nc++] = p;
        while (nc < 10 && (p = strchr(p, '\t'))) {
            *p++ = '\0';
            col[nc++] = p;
        }
        if (nc < 10)
            die("%s: short word line", path);
        printf("%s\t%s\t%s\t%s\t%s", col[0], col[1], col[2],
               rift_upos_name((rift_upos)cl->u[k]), rift_xpos_name(cl->x[k]));
        for (int i = 5; i < 10; i++)
            printf("\t%s", col[i]);
    }
    free(line);
    if (xz)
        pclose(f);
    else
        fclose(f);
}

static int jackknife(int K, const char *path)
{
    corpus c;
    load_corpus(path, &c);
    int **pred = rift_xmalloc(c.n * sizeof *pred);
    const classes **kl = rift_xmalloc(c.n * sizeof *kl);
    classes *kk = rift_xmalloc((size_t)K * sizeof *kk);
    size_t *use = rift_xmalloc(c.n * sizeof *use);
    size_t maxn = 0;
    for (size_t j = 0; j < c.n; j++)
        if (c.s[j].n > maxn)
            maxn = c.s[j].n;
    tg_tok *tok = rift_xmalloc((maxn + 1) * sizeof *tok);
    for (int fold = 0; fold < K; fold++) {
        size_t nuse = 0;
        for (size_t j = 0; j < c.n; j++)
            if ((int)(j % (size_t)K) != fold)
                use[nuse++] = j;
        model m;
        train(&m, &c, use, nuse);
        kk[fold] = m.k;
        size_t right = 0, all = 0;
        for (size_t j = (size_t)fold; j < c.n; j += (size_t)K) {
            pred[j] = rift_xmalloc(c.s[j].n * sizeof **pred);
            right += run_sent(&m, &c.s[j], false, pred[j], tok, -1);
            all += c.s[j].n;
            kl[j] = &kk[fold];
        }
        fprintf(stderr, "train-tagger: fold %d: %.2f%% on %zu held-out words\n",
                fold + 1, 100.0 * (double)right / (double)all, all);
        free_model(&m);
    }
    write_jackknifed(path, &c, pred, kl);
    for (size_t j = 0; j < c.n; j++)
        free(pred[j]);
    free(pred);
    free(kl);
    free(kk);
    free(use);
    free(tok);
    free_corpus(&c);
    return 0;
}

#endif
