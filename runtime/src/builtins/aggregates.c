/* Aggregates over collections: count sum product max min sort all any. */
#include "builtin.h"

TG_BUILTIN("count") tg_value *tg_builtin_count(tg_value *c)
{
    if (c && c->type == TG_STRING)
        return tg_number_int(tg_utf8_count(tg_str(c)->data, tg_str(c)->len));
    if (!tg_check_collection("count", 1, c, "one of {array, object, set, string}"))
        return 0;
    return tg_number_int(tg_value_length(c));
}

/* Elements of an array or set (in OPA's order for sets); 0 and an error otherwise. */
static int32_t elements(const char *name, tg_value *c, tg_value ***out, int32_t *n, tg_entry **entries)
{
    if (c && c->type == TG_ARRAY) {
        *out = tg_arr(c)->elems;
        *entries = 0;
        *n = tg_arr(c)->len;
        return 1;
    }
    if (c && c->type == TG_SET) {
        tg_map_ensure_sorted(tg_map(c));
        *out = 0;
        *entries = tg_map(c)->entries;
        *n = tg_map(c)->len;
        return 1;
    }
    tg_error_operand_type(name, 1, "one of {set, array}", c);
    return 0;
}

#define ELEM(i) (arr ? arr[i] : ents[i].key)

static tg_value *fold_numbers(const char *name, tg_value *c, int32_t product)
{
    tg_value **arr;
    tg_entry *ents;
    int32_t n;
    if (!elements(name, c, &arr, &n, &ents))
        return 0;
    tg_value *acc = tg_number_int(product ? 1 : 0);
    for (int32_t i = 0; i < n; i++) {
        tg_value *e = ELEM(i);
        if (e->type != TG_NUMBER) {
            tg_error_element(name, 1, c, "number", e);
            return 0;
        }
        acc = product ? tg_number_mul(acc, e) : tg_number_add(acc, e);
    }
    return acc;
}

TG_BUILTIN("sum") tg_value *tg_builtin_sum(tg_value *c) { return fold_numbers("sum", c, 0); }

TG_BUILTIN("product") tg_value *tg_builtin_product(tg_value *c) { return fold_numbers("product", c, 1); }

static tg_value *extreme(const char *name, tg_value *c, int32_t want_max)
{
    tg_value **arr;
    tg_entry *ents;
    int32_t n;
    if (!elements(name, c, &arr, &n, &ents) || n == 0)
        return 0; /* empty collections have no max/min: undefined */
    tg_value *best = ELEM(0);
    for (int32_t i = 1; i < n; i++) {
        int32_t cmp = tg_value_compare(ELEM(i), best);
        if (want_max ? cmp > 0 : cmp < 0)
            best = ELEM(i);
    }
    return best;
}

TG_BUILTIN("max") tg_value *tg_builtin_max(tg_value *c) { return extreme("max", c, 1); }

TG_BUILTIN("min") tg_value *tg_builtin_min(tg_value *c) { return extreme("min", c, 0); }

static void sift(tg_value **a, int32_t root, int32_t n)
{
    for (;;) {
        int32_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && tg_value_compare(a[child], a[child + 1]) < 0)
            child++;
        if (tg_value_compare(a[root], a[child]) >= 0)
            return;
        tg_value *t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

TG_BUILTIN("sort") tg_value *tg_builtin_sort(tg_value *c)
{
    tg_value **arr;
    tg_entry *ents;
    int32_t n;
    if (!elements("sort", c, &arr, &n, &ents))
        return 0;
    tg_value *r = tg_array(n);
    for (int32_t i = 0; i < n; i++)
        tg_array_append(r, ELEM(i));
    if (arr) {
        tg_value **a = tg_arr(r)->elems;
        for (int32_t i = n / 2 - 1; i >= 0; i--)
            sift(a, i, n);
        for (int32_t end = n - 1; end > 0; end--) {
            tg_value *t = a[0];
            a[0] = a[end];
            a[end] = t;
            sift(a, 0, end);
        }
    }
    return r;
}

static tg_value *quantify(const char *name, tg_value *c, int32_t want_all)
{
    tg_value **arr;
    tg_entry *ents;
    int32_t n;
    if (!elements(name, c, &arr, &n, &ents))
        return 0;
    for (int32_t i = 0; i < n; i++) {
        tg_value *e = ELEM(i);
        int32_t is_true = e->type == TG_BOOLEAN && ((tg_boolean_t *)e)->b;
        if (want_all && !is_true)
            return tg_boolean(0);
        if (!want_all && is_true)
            return tg_boolean(1);
    }
    return tg_boolean(want_all);
}

TG_BUILTIN("all") tg_value *tg_builtin_all(tg_value *c) { return quantify("all", c, 1); }

TG_BUILTIN("any") tg_value *tg_builtin_any(tg_value *c) { return quantify("any", c, 0); }
