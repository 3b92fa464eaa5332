/* Value construction, inspection, OPA's total order, equality and hashing. */
#include "tg_internal.h"

static tg_value null_value = {TG_NULL};

#ifdef TG_WASM
/* The static value layouts the code generator relies on (tollgate_codegen.h, "static values"). */
_Static_assert(sizeof(tg_string_t) == 12 && offsetof(tg_string_t, len) == 4 && offsetof(tg_string_t, data) == 8,
               "static string layout");
_Static_assert(sizeof(tg_boolean_t) == 2 && offsetof(tg_boolean_t, b) == 1, "static boolean layout");
#endif
tg_boolean_t tg_true_value = {TG_BOOLEAN, 1};
tg_boolean_t tg_false_value = {TG_BOOLEAN, 0};

TG_EXPORT("tg_null") tg_value *tg_null(void) { return &null_value; }

TG_EXPORT("tg_boolean") tg_value *tg_boolean(int32_t b)
{
    return b ? (tg_value *)&tg_true_value : (tg_value *)&tg_false_value;
}

TG_EXPORT("tg_string") tg_value *tg_string(const char *utf8, int32_t len)
{
    tg_string_t *s = (tg_string_t *)tg_alloc(sizeof(tg_string_t));
    s->type = TG_STRING;
    s->len = len;
    s->data = utf8;
    return (tg_value *)s;
}

/* A string that owns a copy of its bytes (header and bytes in one block). */
tg_value *tg_string_copy(const char *utf8, int32_t len)
{
    tg_string_t *s = (tg_string_t *)tg_alloc(sizeof(tg_string_t) + (size_t)len);
    char *data = (char *)(s + 1);
    if (len)
        memcpy(data, utf8, (size_t)len);
    s->type = TG_STRING;
    s->len = len;
    s->data = data;
    return (tg_value *)s;
}

TG_EXPORT("tg_array") tg_value *tg_array(int32_t capacity)
{
    tg_array_t *a = (tg_array_t *)tg_alloc(sizeof(tg_array_t));
    a->type = TG_ARRAY;
    a->len = 0;
    a->cap = capacity > 0 ? capacity : 0;
    a->elems = a->cap ? (tg_value **)tg_alloc((size_t)a->cap * sizeof(tg_value *)) : 0;
    return (tg_value *)a;
}

TG_EXPORT("tg_array_append") void tg_array_append(tg_value *array, tg_value *v)
{
    tg_array_t *a = (tg_array_t *)array;
    if (a->len == a->cap) {
        int32_t cap = a->cap ? a->cap * 2 : 4;
        tg_value **elems = (tg_value **)tg_alloc((size_t)cap * sizeof(tg_value *));
        if (a->len)
            memcpy(elems, a->elems, (size_t)a->len * sizeof(tg_value *));
        if (a->elems)
            tg_release(a->elems);
        a->elems = elems;
        a->cap = cap;
    }
    a->elems[a->len++] = v;
}

TG_EXPORT("tg_value_type") int32_t tg_value_type(tg_value *v) { return v ? v->type : 0; }

TG_EXPORT("tg_value_is_false") int32_t tg_value_is_false(tg_value *v)
{
    return v && v->type == TG_BOOLEAN && !((tg_boolean_t *)v)->b;
}

const char *tg_type_name(tg_value *v)
{
    static const char *names[8] = {"undefined", "null", "boolean", "number", "string", "array", "object", "set"};
    return names[v ? v->type : 0];
}

TG_EXPORT("tg_value_get") tg_value *tg_value_get(tg_value *v, tg_value *key)
{
    if (!v || !key)
        return 0;
    switch (v->type) {
    case TG_ARRAY: {
        int64_t i;
        if (key->type != TG_NUMBER || !tg_number_to_i64(key, &i))
            return 0;
        tg_array_t *a = (tg_array_t *)v;
        return i >= 0 && i < a->len ? a->elems[i] : 0;
    }
    case TG_OBJECT:
    case TG_SET: {
        tg_map_t *m = (tg_map_t *)v;
        /* The common case (input.user.role, data.roles[r]): a small object and a string key, scanned here. */
        tg_entry *e = key->type == TG_STRING && m->nbuckets == 0 ? tg_map_find_string_unindexed(m, (tg_string_t *)key)
                                                                 : tg_map_find(m, key);
        return e ? e->value : 0;
    }
    default:
        return 0;
    }
}

/* Lookup by a C string key, for the runtime's own use (e.g. "result"). */
tg_value *tg_value_get_str(tg_value *obj, const char *key)
{
    tg_string_t k = {TG_STRING, (int32_t)strlen(key), key};
    return tg_value_get(obj, (tg_value *)&k);
}

TG_EXPORT("tg_value_length") int32_t tg_value_length(tg_value *v)
{
    if (!v)
        return 0;
    switch (v->type) {
    case TG_ARRAY:
        return ((tg_array_t *)v)->len;
    case TG_OBJECT:
    case TG_SET:
        return ((tg_map_t *)v)->len;
    default:
        return 0;
    }
}

TG_EXPORT("tg_iter_key") tg_value *tg_iter_key(tg_value *v, int32_t i)
{
    if (!v || i < 0)
        return 0;
    if (v->type == TG_ARRAY)
        return i < ((tg_array_t *)v)->len ? tg_number_int(i) : 0;
    if (v->type == TG_OBJECT || v->type == TG_SET) {
        tg_map_t *m = (tg_map_t *)v;
        if (i >= m->len)
            return 0;
        tg_map_ensure_sorted(m);
        return m->entries[i].key;
    }
    return 0;
}

TG_EXPORT("tg_iter_value") tg_value *tg_iter_value(tg_value *v, int32_t i)
{
    if (!v || i < 0)
        return 0;
    if (v->type == TG_ARRAY)
        return i < ((tg_array_t *)v)->len ? ((tg_array_t *)v)->elems[i] : 0;
    if (v->type == TG_OBJECT || v->type == TG_SET) {
        tg_map_t *m = (tg_map_t *)v;
        if (i >= m->len)
            return 0;
        tg_map_ensure_sorted(m);
        return m->entries[i].value;
    }
    return 0;
}

static int32_t compare_bytes(const char *a, int32_t an, const char *b, int32_t bn)
{
    int32_t n = an < bn ? an : bn;
    int c = memcmp(a, b, (size_t)n);
    if (c)
        return c < 0 ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

TG_EXPORT("tg_value_compare") int32_t tg_value_compare(tg_value *a, tg_value *b)
{
    if (a == b)
        return 0;
    if (!a || !b)
        return !a ? -1 : 1; /* undefined sorts first; never reached from Rego */
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    switch (a->type) {
    case TG_NULL:
        return 0;
    case TG_BOOLEAN:
        return (int32_t)((tg_boolean_t *)a)->b - (int32_t)((tg_boolean_t *)b)->b;
    case TG_NUMBER:
        return tg_number_compare(a, b);
    case TG_STRING: {
        tg_string_t *x = (tg_string_t *)a, *y = (tg_string_t *)b;
        return compare_bytes(x->data, x->len, y->data, y->len);
    }
    case TG_ARRAY: {
        tg_array_t *x = (tg_array_t *)a, *y = (tg_array_t *)b;
        int32_t n = x->len < y->len ? x->len : y->len;
        for (int32_t i = 0; i < n; i++) {
            int32_t c = tg_value_compare(x->elems[i], y->elems[i]);
            if (c)
                return c;
        }
        return x->len < y->len ? -1 : x->len > y->len;
    }
    case TG_OBJECT:
    case TG_SET: {
        tg_map_t *x = (tg_map_t *)a, *y = (tg_map_t *)b;
        tg_map_ensure_sorted(x);
        tg_map_ensure_sorted(y);
        int32_t n = x->len < y->len ? x->len : y->len;
        for (int32_t i = 0; i < n; i++) {
            int32_t c = tg_value_compare(x->entries[i].key, y->entries[i].key);
            if (c)
                return c;
            if (a->type == TG_OBJECT) {
                c = tg_value_compare(x->entries[i].value, y->entries[i].value);
                if (c)
                    return c;
            }
        }
        return x->len < y->len ? -1 : x->len > y->len;
    }
    default:
        return 0;
    }
}

TG_EXPORT("tg_value_equal") int32_t tg_value_equal(tg_value *a, tg_value *b)
{
    if (a == b)
        return 1;
    if (!a || !b || a->type != b->type)
        return 0;
    switch (a->type) {
    case TG_NULL:
        return 1;
    case TG_BOOLEAN:
        return ((tg_boolean_t *)a)->b == ((tg_boolean_t *)b)->b;
    case TG_NUMBER:
        return tg_number_compare(a, b) == 0;
    case TG_STRING: {
        tg_string_t *x = (tg_string_t *)a, *y = (tg_string_t *)b;
        return x->len == y->len && tg_bytes_equal(x->data, y->data, x->len);
    }
    case TG_ARRAY: {
        tg_array_t *x = (tg_array_t *)a, *y = (tg_array_t *)b;
        if (x->len != y->len)
            return 0;
        for (int32_t i = 0; i < x->len; i++) {
            if (!tg_value_equal(x->elems[i], y->elems[i]))
                return 0;
        }
        return 1;
    }
    case TG_OBJECT:
    case TG_SET: {
        /* Unordered: look every entry of a up in b, so neither needs sorting. */
        tg_map_t *x = (tg_map_t *)a, *y = (tg_map_t *)b;
        if (x->len != y->len)
            return 0;
        for (int32_t i = 0; i < x->len; i++) {
            tg_entry *e = tg_map_find(y, x->entries[i].key);
            if (!e)
                return 0;
            if (a->type == TG_OBJECT && !tg_value_equal(x->entries[i].value, e->value))
                return 0;
        }
        return 1;
    }
    default:
        return 0;
    }
}

static uint32_t hash_bytes(uint32_t h, const char *s, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

uint32_t tg_value_hash(tg_value *v)
{
    if (!v)
        return 0;
    switch (v->type) {
    case TG_NULL:
        return 0x6e756c6cu;
    case TG_BOOLEAN:
        return ((tg_boolean_t *)v)->b ? 0x74727565u : 0x66616c73u;
    case TG_NUMBER:
        return tg_number_hash(v);
    case TG_STRING: {
        tg_string_t *s = (tg_string_t *)v;
        return hash_bytes(2166136261u, s->data, s->len);
    }
    case TG_ARRAY: {
        tg_array_t *a = (tg_array_t *)v;
        uint32_t h = 0xa11a7u;
        for (int32_t i = 0; i < a->len; i++)
            h = (h ^ tg_value_hash(a->elems[i])) * 16777619u;
        return h;
    }
    case TG_OBJECT:
    case TG_SET: {
        /* Order-independent combination, so no sorting is needed to hash. */
        tg_map_t *m = (tg_map_t *)v;
        uint32_t h = v->type == TG_SET ? 0x5e7u : 0x0b1ec7u;
        for (int32_t i = 0; i < m->len; i++) {
            uint32_t eh = tg_value_hash(m->entries[i].key);
            if (v->type == TG_OBJECT)
                eh = eh * 31u + tg_value_hash(m->entries[i].value);
            h += eh * 0x9e3779b1u + (eh >> 15);
        }
        return h;
    }
    default:
        return 0;
    }
}

/* A copy of a composite's top level, sharing children. */
tg_value *tg_value_shallow_copy(tg_value *v)
{
    if (!v)
        return 0;
    if (v->type == TG_ARRAY) {
        tg_array_t *a = (tg_array_t *)v;
        tg_value *r = tg_array(a->len);
        for (int32_t i = 0; i < a->len; i++)
            tg_array_append(r, a->elems[i]);
        return r;
    }
    if (v->type == TG_OBJECT || v->type == TG_SET) {
        tg_map_t *m = (tg_map_t *)v;
        tg_map_ensure_sorted(m);
        tg_map_t *r = tg_map_new(v->type, m->len);
        for (int32_t i = 0; i < m->len; i++) {
            if (v->type == TG_SET)
                tg_set_add((tg_value *)r, m->entries[i].key);
            else
                tg_object_insert((tg_value *)r, m->entries[i].key, m->entries[i].value);
        }
        return (tg_value *)r;
    }
    return v;
}

TG_EXPORT("tg_value_merge") tg_value *tg_value_merge(tg_value *a, tg_value *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (a->type != TG_OBJECT || b->type != TG_OBJECT)
        return b;
    tg_value *r = tg_value_shallow_copy(a);
    tg_map_t *mb = (tg_map_t *)b;
    for (int32_t i = 0; i < mb->len; i++) {
        tg_value *k = mb->entries[i].key;
        tg_value *bv = mb->entries[i].value;
        tg_value *av = tg_value_get(a, k);
        tg_object_insert(r, k, av ? tg_value_merge(av, bv) : bv);
    }
    return r;
}

static tg_value *upsert_at(tg_value *base, tg_array_t *path, int32_t at, tg_value *v)
{
    if (at == path->len)
        return v;
    tg_value *key = path->elems[at];
    tg_value *child = 0;
    tg_value *copy;
    if (base && base->type == TG_OBJECT) {
        child = tg_value_get(base, key);
        copy = tg_value_shallow_copy(base);
    } else {
        copy = tg_object(); /* `with` over a missing or scalar document replaces it */
    }
    tg_object_insert(copy, key, upsert_at(child, path, at + 1, v));
    return copy;
}

TG_EXPORT("tg_value_upsert_path") tg_value *tg_value_upsert_path(tg_value *base, tg_value *path, tg_value *v)
{
    if (!path || path->type != TG_ARRAY)
        return v;
    return upsert_at(base, (tg_array_t *)path, 0, v);
}
