/* buf.c: growable byte buffers on the heap, used by readers and writers.
 * Growth is geometric; a failed allocation aborts in rift_oom.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rift_buf_init(rift_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void rift_buf_free(rift_buf *b)
{
    free(b->data);
    rift_buf_init(b);
}

void rift_buf_reserve(rift_buf *b, size_t extra)
{
    if (b->cap - b->len > extra)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra)
        cap *= 2;
    b->data = rift_xrealloc(b->data, cap);
    b->cap = cap;
}

void rift_buf_put(rift_buf *b, const void *p, size_t n)
{
    rift_buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rift_buf_putc(rift_buf *b, char c)
{
    rift_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void rift_buf_puts(rift_buf *b, const char *s)
{
    rift_buf_put(b, s, strlen(s));
}

void rift_buf_printf(rift_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    rift_buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *rift_buf_detach(rift_buf *b, size_t *len)
{
    rift_buf_reserve(b, 1);
    b->data[b->len] = '\0';
    char *p = b->data;
    if (len)
        *len = b->len;
    rift_buf_init(b);
    return p;
}
