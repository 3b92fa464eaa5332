/* Object and array builtins: object.get/keys/remove/union, array.concat/slice/reverse. */
#include "builtin.h"

TG_BUILTIN("object.get") tg_value *tg_builtin_object_get(tg_value *obj, tg_value *key, tg_value *def)
{
    if (!tg_check_type("object.get", 1, obj, TG_OBJECT) || !key || !def)
        return 0;
    if (key->type != TG_ARRAY) {
        tg_value *v = tg_value_get(obj, key);
        return v ? v : def;
    }
    /* An array key is a path into nested objects and arrays; [] is the object itself. */
    tg_value *cur = obj;
    tg_array_t *path = tg_arr(key);
    for (int32_t i = 0; i < path->len; i++) {
        cur = tg_value_get(cur, path->elems[i]);
        if (!cur || (cur->type == TG_SET && i + 1 < path->len))
            return def;
    }
    return cur;
}

TG_BUILTIN("object.keys") tg_value *tg_builtin_object_keys(tg_value *obj)
{
    if (!tg_check_type("object.keys", 1, obj, TG_OBJECT))
        return 0;
    tg_map_t *m = tg_map(obj);
    tg_value *r = tg_set();
    for (int32_t i = 0; i < m->len; i++)
        tg_set_add(r, m->entries[i].key);
    return r;
}

TG_BUILTIN("object.remove") tg_value *tg_builtin_object_remove(tg_value *obj, tg_value *keys)
{
    if (!tg_check_type("object.remove", 1, obj, TG_OBJECT))
        return 0;
    if (!tg_check_collection("object.remove", 2, keys, "one of {object, set, array}"))
        return 0;
    tg_value *drop = keys;
    if (keys->type == TG_ARRAY)
        drop = tg_set_from_array_elems(keys);
    tg_map_t *m = tg_map(obj);
    tg_value *r = tg_object();
    for (int32_t i = 0; i < m->len; i++) {
        tg_entry *e = &m->entries[i];
        if (!tg_map_find(tg_map(drop), e->key))
            tg_object_insert(r, e->key, e->value);
    }
    return r;
}

/* Recursive union; b wins where both have a non-object value. */
static tg_value *union_objects(tg_value *a, tg_value *b)
{
    tg_value *r = tg_value_shallow_copy(a);
    tg_map_t *mb = tg_map(b);
    for (int32_t i = 0; i < mb->len; i++) {
        tg_entry *e = &mb->entries[i];
        tg_value *av = tg_value_get(a, e->key);
        if (av && av->type == TG_OBJECT && e->value->type == TG_OBJECT)
            tg_object_insert(r, e->key, union_objects(av, e->value));
        else
            tg_object_insert(r, e->key, e->value);
    }
    return r;
}

TG_BUILTIN("object.union") tg_value *tg_builtin_object_union(tg_value *a, tg_value *b)
{
    if (!tg_check_type("object.union", 1, a, TG_OBJECT) || !tg_check_type("object.union", 2, b, TG_OBJECT))
        return 0;
    return union_objects(a, b);
}

TG_BUILTIN("array.concat") tg_value *tg_builtin_array_concat(tg_value *a, tg_value *b)
{
    if (!tg_check_type("array.concat", 1, a, TG_ARRAY) || !tg_check_type("array.concat", 2, b, TG_ARRAY))
        return 0;
    tg_value *r = tg_array(tg_arr(a)->len + tg_arr(b)->len);
    for (int32_t i = 0; i < tg_arr(a)->len; i++)
        tg_array_append(r, tg_arr(a)->elems[i]);
    for (int32_t i = 0; i < tg_arr(b)->len; i++)
        tg_array_append(r, tg_arr(b)->elems[i]);
    return r;
}

TG_BUILTIN("array.slice") tg_value *tg_builtin_array_slice(tg_value *a, tg_value *start, tg_value *stop)
{
    int64_t from, to;
    if (!tg_check_type("array.slice", 1, a, TG_ARRAY) || !tg_arg_int("array.slice", 2, start, &from) ||
        !tg_arg_int("array.slice", 3, stop, &to))
        return 0;
    int64_t len = tg_arr(a)->len;
    /* Out-of-range bounds are clamped, as OPA does. */
    if (from < 0)
        from = 0;
    if (to > len)
        to = len;
    if (from > to)
        from = to;
    tg_value *r = tg_array((int32_t)(to - from));
    for (int64_t i = from; i < to; i++)
        tg_array_append(r, tg_arr(a)->elems[i]);
    return r;
}

TG_BUILTIN("array.reverse") tg_value *tg_builtin_array_reverse(tg_value *a)
{
    if (!tg_check_type("array.reverse", 1, a, TG_ARRAY))
        return 0;
    int32_t n = tg_arr(a)->len;
    tg_value *r = tg_array(n);
    for (int32_t i = n - 1; i >= 0; i--)
        tg_array_append(r, tg_arr(a)->elems[i]);
    return r;
}

/* One level of flattening: array elements are spliced in, other values kept. */
TG_BUILTIN("array.flatten") tg_value *tg_builtin_array_flatten(tg_value *a)
{
    if (!tg_check_type("array.flatten", 1, a, TG_ARRAY))
        return 0;
    tg_value *r = tg_array(tg_arr(a)->len);
    for (int32_t i = 0; i < tg_arr(a)->len; i++) {
        tg_value *e = tg_arr(a)->elems[i];
        if (e->type == TG_ARRAY) {
            for (int32_t j = 0; j < tg_arr(e)->len; j++)
                tg_array_append(r, tg_arr(e)->elems[j]);
        } else {
            tg_array_append(r, e);
        }
    }
    return r;
}
