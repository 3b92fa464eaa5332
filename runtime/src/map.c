/*
 * Objects and sets: a chained hash index for lookup plus an array of entry pointers for
 * iteration. The array is sorted in place (heapsort: no scratch memory) the first time
 * someone iterates or compares, and stays sorted while keys arrive in order, which is the
 * common case for parsed data. Nothing here allocates when reading a finished value.
 */
#include "tg_internal.h"

tg_map_t *tg_map_new(uint8_t type, int32_t cap)
{
    tg_map_t *m = (tg_map_t *)tg_alloc(sizeof(tg_map_t));
    m->type = type;
    m->sorted = 1;
    m->len = 0;
    m->cap = cap;
    m->order = cap ? (tg_entry **)tg_alloc((size_t)cap * sizeof(tg_entry *)) : 0;
    m->buckets = 0;
    m->nbuckets = 0;
    return m;
}

TG_EXPORT("tg_object") tg_value *tg_object(void) { return (tg_value *)tg_map_new(TG_OBJECT, 0); }

TG_EXPORT("tg_set") tg_value *tg_set(void) { return (tg_value *)tg_map_new(TG_SET, 0); }

tg_entry *tg_map_find(tg_map_t *m, tg_value *key)
{
    if (m->len == 0)
        return 0;
    if (m->nbuckets == 0) {
        /* Small maps have no index: a linear scan is faster than hashing. */
        for (int32_t i = 0; i < m->len; i++) {
            if (tg_value_equal(m->order[i]->key, key))
                return m->order[i];
        }
        return 0;
    }
    uint32_t h = tg_value_hash(key);
    for (tg_entry *e = m->buckets[h & (uint32_t)(m->nbuckets - 1)]; e; e = e->next) {
        if (e->hash == h && tg_value_equal(e->key, key))
            return e;
    }
    return 0;
}

#define TG_INDEX_THRESHOLD 8

static void index_entry(tg_map_t *m, tg_entry *e)
{
    tg_entry **slot = &m->buckets[e->hash & (uint32_t)(m->nbuckets - 1)];
    e->next = *slot;
    *slot = e;
}

static void rebuild_index(tg_map_t *m, int32_t nbuckets)
{
    if (m->buckets)
        tg_release(m->buckets);
    m->buckets = (tg_entry **)tg_alloc((size_t)nbuckets * sizeof(tg_entry *));
    memset(m->buckets, 0, (size_t)nbuckets * sizeof(tg_entry *));
    m->nbuckets = nbuckets;
    for (int32_t i = 0; i < m->len; i++) {
        tg_entry *e = m->order[i];
        e->hash = tg_value_hash(e->key);
        index_entry(m, e);
    }
}

/* Returns the existing entry for key, or 0 after appending a new one with value v. */
static tg_entry *map_put(tg_map_t *m, tg_value *key, tg_value *v)
{
    tg_entry *found = tg_map_find(m, key);
    if (found)
        return found;
    if (m->len == m->cap) {
        int32_t cap = m->cap ? m->cap * 2 : 4;
        tg_entry **order = (tg_entry **)tg_alloc((size_t)cap * sizeof(tg_entry *));
        if (m->len)
            memcpy(order, m->order, (size_t)m->len * sizeof(tg_entry *));
        if (m->order)
            tg_release(m->order);
        m->order = order;
        m->cap = cap;
    }
    tg_entry *e = (tg_entry *)tg_alloc(sizeof(tg_entry));
    e->key = key;
    e->value = v;
    e->next = 0;
    e->hash = 0;
    if (m->sorted && m->len > 0 && tg_value_compare(m->order[m->len - 1]->key, key) > 0)
        m->sorted = 0;
    m->order[m->len++] = e;
    if (m->nbuckets) {
        e->hash = tg_value_hash(key);
        index_entry(m, e);
        if (m->len > m->nbuckets)
            rebuild_index(m, m->nbuckets * 2);
    } else if (m->len > TG_INDEX_THRESHOLD) {
        rebuild_index(m, 32);
    }
    return 0;
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

int32_t tg_map_remove(tg_map_t *m, tg_value *key)
{
    tg_entry *e = tg_map_find(m, key);
    if (!e)
        return 0;
    if (m->nbuckets) {
        tg_entry **link = &m->buckets[e->hash & (uint32_t)(m->nbuckets - 1)];
        while (*link != e)
            link = &(*link)->next;
        *link = e->next;
    }
    int32_t i = 0;
    while (m->order[i] != e)
        i++;
    memmove(m->order + i, m->order + i + 1, (size_t)(m->len - i - 1) * sizeof(tg_entry *));
    m->len--;
    return 1;
}

static void sift_down(tg_entry **a, int32_t root, int32_t n)
{
    for (;;) {
        int32_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && tg_value_compare(a[child]->key, a[child + 1]->key) < 0)
            child++;
        if (tg_value_compare(a[root]->key, a[child]->key) >= 0)
            return;
        tg_entry *t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

void tg_map_ensure_sorted(tg_map_t *m)
{
    if (m->sorted)
        return;
    tg_entry **a = m->order;
    int32_t n = m->len;
    for (int32_t i = n / 2 - 1; i >= 0; i--)
        sift_down(a, i, n);
    for (int32_t end = n - 1; end > 0; end--) {
        tg_entry *t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
    m->sorted = 1;
}
