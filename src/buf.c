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

/* The slow half of rift_buf_reserve: at least extra + 1 bytes free. */
static void grow(rift_buf *b, size_t extra)
{
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra)
        cap *= 2;
    b->data = rift_xrealloc(b->data, cap);
    b->cap = cap;
}

void rift_buf_reserve(rift_buf *b, size_t extra)
{
    if (b->cap - b->len <= extra)
        grow(b, extra);
}

/* put and putc test the room themselves: they run for every piece of
 * JSON written, and a call to rift_buf_reserve costs as much as the copy */
void rift_buf_put(rift_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len <= n)
        grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rift_buf_putc(rift_buf *b, char c)
{
    if (b->cap - b->len <= 1)
        grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void rift_buf_puts(rift_buf *b, const char *s)
{
    rift_buf_put(b, s, strlen(s));
}

void rift_buf_printf(rift_buf *b, const char *fmt, ...)
{
    /* one formatting pass into the room there is; a second one only when
     * the text does not fit */
    if (b->cap - b->len < 64)
        grow(b, 64);
    size_t room = b->cap - b->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        grow(b, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
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
