/* arena.c: one arena per document, freed in one call, and the one place
 * where running out of memory aborts the process.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t cap, used;
    max_align_t data[];
};

_Noreturn void rift_oom(void)
{
    /* The library never prints, except here: there is nothing else to do. */
    fputs("rift: out of memory\n", stderr);
    abort();
}

void *rift_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        rift_oom();
    return p;
}

void *rift_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        rift_oom();
    return q;
}

char *rift_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(rift_xmalloc(n), s, n);
}

void rift_arena_init(rift_arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void rift_arena_release(rift_arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

/* n bytes, 16-aligned, not zeroed: for memory the caller fills whole (text
 * copies, token arrays); zeroing them would cost as much as the copy. */
void *rift_arena_alloc_raw(rift_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = 64 * 1024;
        if (c && c->cap < (8u << 20))
            cap = c->cap * 2;
        if (cap < n)
            cap = n;
        arena_chunk *nc = rift_xmalloc(sizeof *nc + cap);
        nc->cap = cap;
        nc->used = 0;
        /* Keep a partly used chunk at the head when the new one is a
         * one-off big allocation, so small allocations still fill it. */
        if (c && n > c->cap / 2 && c->cap - c->used > 4096) {
            nc->next = c->next;
            c->next = nc;
            nc->used = n;
            a->used_total += n;
            return nc->data;
        }
        nc->next = c;
        a->head = c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->used_total += n;
    return p;
}

void *rift_arena_alloc(rift_arena *a, size_t n)
{
    return memset(rift_arena_alloc_raw(a, n), 0, n);
}

char *rift_arena_strndup(rift_arena *a, const char *s, size_t n)
{
    char *p = rift_arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rift_arena_printf(rift_arena *a, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return rift_arena_strndup(a, "", 0);
    char *p = rift_arena_alloc_raw(a, (size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(p, small, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return p;
}

void *rift_arena_adopt(rift_arena *a, void *v, size_t n, size_t size)
{
    if (n == 0) {
        free(v);
        return NULL;
    }
    void *p = rift_arena_alloc_raw(a, n * size);
    memcpy(p, v, n * size);
    free(v);
    return p;
}
