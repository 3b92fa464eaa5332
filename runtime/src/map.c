/*
 * Objects and sets: entries inline in one array (insertion order until sorted), plus a hash
 * index of entry indexes once a map outgrows a linear scan. The array is sorted in place
 * (heapsort: no scratch memory) the first time someone iterates or compares, and the index
 * chains are then rebuilt in place from the stored hashes. Keys arriving in order (parsed,
 * sorted data) keep the map sorted for free. Reading a finished value never allocates.
 */
#include "tg_internal.h"

#define TG_INDEX_THRESHOLD 8

tg_map_t *tg_map_new(uint8_t type, int32_t cap)
{
    tg_map_t *m = (tg_map_t *)tg_alloc(sizeof(tg_map_t));
    m->type = type;
    m->sorted = 1;
    m->len = 0;
    m->cap = cap;
    m->entries = cap ? (tg_entry *)tg_alloc((size_t)cap * sizeof(tg_entry)) : 0;
    m->buckets = 0;
    m->nbuckets = 0;
    return m;
}

TG_EXPORT("tg_object") tg_value *tg_object(void) { return (tg_value *)tg_map_new(TG_OBJECT, 0); }

TG_EXPORT("tg_set") tg_value *tg_set(void) { return (tg_value *)tg_map_new(TG_SET, 0); }

/* Equality with the common case (string keys) decided inline. */
static inline int32_t keys_equal(tg_value *a, tg_value *b)
{
    if (a == b)
        return 1;
    if (!a || !b || a->type != b->type)
        return 0;
    if (a->type == TG_STRING) {
        tg_string_t *x = (tg_string_t *)a, *y = (tg_string_t *)b;
        return x->len == y->len && tg_bytes_equal(x->data, y->data, x->len);
    }
    return tg_value_equal(a, b);
}

tg_entry *tg_map_find(tg_map_t *m, tg_value *key)
{
    if (m->len == 0)
        return 0;
    if (m->nbuckets == 0) {
        /* Small maps have no index: a linear scan is faster than hashing. */
        if (key->type == TG_STRING)
            return tg_map_find_string_unindexed(m, (tg_string_t *)key);
        for (int32_t i = 0; i < m->len; i++) {
            if (keys_equal(m->entries[i].key, key))
                return &m->entries[i];
        }
        return 0;
    }
    uint32_t h = tg_value_hash(key);
    for (int32_t i = m->buckets[h & (uint32_t)(m->nbuckets - 1)]; i >= 0; i = m->entries[i].next) {
        tg_entry *e = &m->entries[i];
        if (e->hash == h && keys_equal(e->key, key))
            return e;
    }
    return 0;
}

/* a sorts after b (OPA's order), with string pairs compared inline. */
static inline int32_t key_after(tg_value *a, tg_value *b)
{
    if (a->type == TG_STRING && b->type == TG_STRING) {
        tg_string_t *x = (tg_string_t *)a, *y = (tg_string_t *)b;
        int32_t n = x->len < y->len ? x->len : y->len;
        const uint8_t *p = (const uint8_t *)x->data, *q = (const uint8_t *)y->data;
        for (int32_t i = 0; i < n; i++) {
            if (p[i] != q[i])
                return p[i] > q[i];
        }
        return x->len > y->len;
    }
    return tg_value_compare(a, b) > 0;
}

static void link_entry(tg_map_t *m, int32_t i)
{
    int32_t *slot = &m->buckets[m->entries[i].hash & (uint32_t)(m->nbuckets - 1)];
    m->entries[i].next = *slot;
    *slot = i;
}

/* Rebuilds the chains in the existing bucket array (entries moved; hashes still valid). */
static void relink_all(tg_map_t *m)
{
    for (int32_t b = 0; b < m->nbuckets; b++)
        m->buckets[b] = -1;
    for (int32_t i = 0; i < m->len; i++)
        link_entry(m, i);
}

/* rehash: the map had no index, so its entries carry no hashes yet. */
static void build_index(tg_map_t *m, int32_t nbuckets, int32_t rehash)
{
    if (m->buckets)
        tg_release(m->buckets);
    m->buckets = (int32_t *)tg_alloc((size_t)nbuckets * sizeof(int32_t));
    m->nbuckets = nbuckets;
    if (rehash) {
        for (int32_t i = 0; i < m->len; i++)
            m->entries[i].hash = tg_value_hash(m->entries[i].key);
    }
    relink_all(m);
}

/* Returns the existing entry for key, or 0 after appending a new one with value v. */
static tg_entry *map_put(tg_map_t *m, tg_value *key, tg_value *v)
{
    tg_entry *found = tg_map_find(m, key);
    if (found)
        return found;
    if (m->len == m->cap) {
        int32_t cap = m->cap ? m->cap * 2 : 4;
        tg_entry *entries = (tg_entry *)tg_alloc((size_t)cap * sizeof(tg_entry));
        if (m->len)
            memcpy(entries, m->entries, (size_t)m->len * sizeof(tg_entry));
        if (m->entries)
            tg_release(m->entries);
        m->entries = entries;
        m->cap = cap;
    }
    if (m->sorted && m->len > 0 && key_after(m->entries[m->len - 1].key, key))
        m->sorted = 0;
    int32_t i = m->len++;
    tg_entry *e = &m->entries[i];
    e->key = key;
    e->value = v;
    e->hash = 0;
    e->next = -1;
    if (m->nbuckets) {
        e->hash = tg_value_hash(key);
        link_entry(m, i);
        if (m->len > m->nbuckets)
            build_index(m, m->nbuckets * 2, 0);
    } else if (m->len > TG_INDEX_THRESHOLD) {
        build_index(m, 32, 1);
    }
    return 0;
}

void tg_map_put_string_key(tg_map_t *m, tg_string_t *key, tg_value *v)
{
    tg_entry *e = map_put(m, (tg_value *)key, v);
    if (e)
        e->value = v;
}

TG_EXPORT("tg_object_insert") void tg_object_insert(tg_value *object, tg_value *key, tg_value *v)
{
    tg_entry *e = map_put((tg_map_t *)object, key, v);
    if (e)
        e->value = v;
}

TG_EXPORT("tg_object_insert_unique") int32_t tg_object_insert_unique(tg_value *object, tg_value *key, tg_value *v)
{
    tg_entry *e = map_put((tg_map_t *)object, key, v);
    if (!e)
        return 0;
    return tg_value_equal(e->value, v) ? 0 : 1;
}

TG_EXPORT("tg_set_add") void tg_set_add(tg_value *set, tg_value *v) { map_put((tg_map_t *)set, v, v); }

void tg_map_entries_written(tg_map_t *m, int32_t sorted)
{
    m->sorted = (uint8_t)sorted;
    if (m->len > TG_INDEX_THRESHOLD) {
        int32_t nbuckets = 32;
        while (nbuckets < m->len)
            nbuckets *= 2;
        build_index(m, nbuckets, 1);
    }
}

int32_t tg_map_remove(tg_map_t *m, tg_value *key)
{
    tg_entry *e = tg_map_find(m, key);
    if (!e)
        return 0;
    int32_t i = (int32_t)(e - m->entries);
    memmove(m->entries + i, m->entries + i + 1, (size_t)(m->len - i - 1) * sizeof(tg_entry));
    m->len--;
    if (m->nbuckets)
        relink_all(m); /* later entries moved down one place */
    return 1;
}

static void swap(tg_entry *a, tg_entry *b)
{
    tg_entry t = *a;
    *a = *b;
    *b = t;
}

static void sift_down(tg_entry *a, int32_t root, int32_t n)
{
    for (;;) {
        int32_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && tg_value_compare(a[child].key, a[child + 1].key) < 0)
            child++;
        if (tg_value_compare(a[root].key, a[child].key) >= 0)
            return;
        swap(&a[root], &a[child]);
        root = child;
    }
}

void tg_map_ensure_sorted(tg_map_t *m)
{
    if (m->sorted)
        return;
    tg_entry *a = m->entries;
    int32_t n = m->len;
    for (int32_t i = n / 2 - 1; i >= 0; i--)
        sift_down(a, i, n);
    for (int32_t end = n - 1; end > 0; end--) {
        swap(&a[0], &a[end]);
        sift_down(a, 0, end);
    }
    if (m->nbuckets)
        relink_all(m);
    m->sorted = 1;
}
