/* hash.c: a fast 64-bit string hash and the read-mostly string map that the
 * lexicons are built on.  Keys are copied; values are small integers.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct rift_strmap_slot {
    char *key;
    size_t len;
    uint64_t h;
    int value;
};

uint64_t rift_hash(const void *p, size_t n)
{
    /* FNV-1a, then a final avalanche (from splitmix64) so that low bits,
     * which pick the slot, depend on every byte. */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

void rift_strmap_init(rift_strmap *m)
{
    m->slots = NULL;
    m->cap = m->n = 0;
}

void rift_strmap_free(rift_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    rift_strmap_init(m);
}

static void insert_slot(struct rift_strmap_slot *slots, size_t cap,
                        struct rift_strmap_slot s)
{
    size_t i = s.h & (cap - 1);
    while (slots[i].key)
        i = (i + 1) & (cap - 1);
    slots[i] = s;
}

void rift_strmap_put(rift_strmap *m, const char *key, size_t len, int value)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        struct rift_strmap_slot *s = calloc(cap, sizeof *s);
        if (!s)
            rift_oom();
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                insert_slot(s, cap, m->slots[i]);
        free(m->slots);
        m->slots = s;
        m->cap = cap;
    }
    uint64_t h = rift_hash(key, len);
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key) {
        if (m->slots[i].h == h && m->slots[i].len == len &&
            memcmp(m->slots[i].key, key, len) == 0) {
            m->slots[i].value = value;
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    char *k = rift_xmalloc(len + 1);
    memcpy(k, key, len);
    k[len] = '\0';
    m->slots[i] = (struct rift_strmap_slot){k, len, h, value};
    m->n++;
}

int rift_strmap_get(const rift_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return -1;
    uint64_t h = rift_hash(key, len);
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key) {
        if (m->slots[i].h == h && m->slots[i].len == len &&
            memcmp(m->slots[i].key, key, len) == 0)
            return m->slots[i].value;
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

/* Calls fn on every key of the map (in slot order) with its value. */
void rift_strmap_each(const rift_strmap *m,
                      void (*fn)(void *ctx, const char *key, size_t len, int value),
                      void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            fn(ctx, m->slots[i].key, m->slots[i].len, m->slots[i].value);
}
