/* More collection builtins: object.subset/filter/union_n, union, intersection. */
#include "builtin.h"

static int32_t subset(tg_value *super, tg_value *sub);

/* Every key of sub is in super, with an equal value or (objects, sets, arrays) a nested subset. */
static int32_t object_subset(tg_map_t *super, tg_map_t *sub)
{
    for (int32_t i = 0; i < sub->len; i++) {
        tg_entry *found = tg_map_find(super, sub->entries[i].key);
        if (!found)
            return 0;
        tg_value *sv = found->value, *bv = sub->entries[i].value;
        if (tg_value_equal(sv, bv))
            continue;
        if (sv->type != bv->type || (sv->type != TG_OBJECT && sv->type != TG_SET && sv->type != TG_ARRAY))
            return 0;
        if (!subset(sv, bv))
            return 0;
    }
    return 1;
}

static int32_t set_subset(tg_map_t *super, tg_map_t *sub)
{
    for (int32_t i = 0; i < sub->len; i++) {
        if (!tg_map_find(super, sub->entries[i].key))
            return 0;
    }
    return 1;
}

/* sub occurs as a contiguous run in super. */
static int32_t array_subset(tg_array_t *super, tg_array_t *sub)
{
    if (sub->len > super->len)
        return 0;
    for (int32_t start = 0; start + sub->len <= super->len; start++) {
        int32_t k = 0;
        while (k < sub->len && tg_value_equal(super->elems[start + k], sub->elems[k]))
            k++;
        if (k == sub->len)
            return 1;
    }
    return 0;
}

static int32_t array_set_subset(tg_array_t *super, tg_map_t *sub)
{
    for (int32_t i = 0; i < sub->len; i++) {
        int32_t found = 0;
        for (int32_t j = 0; j < super->len && !found; j++)
            found = tg_value_equal(super->elems[j], sub->entries[i].key);
        if (!found)
            return 0;
    }
    return 1;
}

/* -1 when the operand types do not combine. */
static int32_t subset(tg_value *super, tg_value *sub)
{
    if (super->type == TG_OBJECT && sub->type == TG_OBJECT)
        return object_subset(tg_map(super), tg_map(sub));
    if (super->type == TG_SET && sub->type == TG_SET)
        return set_subset(tg_map(super), tg_map(sub));
    if (super->type == TG_ARRAY && sub->type == TG_ARRAY)
        return array_subset(tg_arr(super), tg_arr(sub));
    if (super->type == TG_ARRAY && sub->type == TG_SET)
        return array_set_subset(tg_arr(super), tg_map(sub));
    return -1;
}

TG_BUILTIN("object.subset") tg_value *tg_builtin_object_subset(tg_value *super, tg_value *sub)
{
    if (!super || !sub)
        return 0;
    int32_t r = subset(super, sub);
    if (r < 0) {
        tg_error_set("eval_type_error", "object.subset",
                     "both arguments object.subset must be of the same type or array and set");
        return 0;
    }
    return tg_boolean(r);
}

TG_BUILTIN("object.filter") tg_value *tg_builtin_object_filter(tg_value *obj, tg_value *keys)
{
    if (!tg_check_type("object.filter", 1, obj, TG_OBJECT))
        return 0;
    if (!tg_check_collection("object.filter", 2, keys, "one of {object, set, array}"))
        return 0;
    tg_value *keep = keys->type == TG_ARRAY ? tg_set_from_array_elems(keys) : keys;
    tg_map_t *m = tg_map(obj);
    tg_value *r = tg_object();
    for (int32_t i = 0; i < m->len; i++) {
        tg_entry *e = &m->entries[i];
        if (tg_map_find(tg_map(keep), e->key))
            tg_object_insert(r, e->key, e->value);
    }
    return r;
}

tg_value *tg_builtin_object_union(tg_value *a, tg_value *b);

TG_BUILTIN("object.union_n") tg_value *tg_builtin_object_union_n(tg_value *objs)
{
    if (!tg_check_type("object.union_n", 1, objs, TG_ARRAY))
        return 0;
    tg_value *acc = tg_object();
    for (int32_t i = 0; i < tg_arr(objs)->len; i++) {
        tg_value *o = tg_arr(objs)->elems[i];
        if (o->type != TG_OBJECT) {
            tg_error_element("object.union_n", 1, objs, "object", o);
            return 0;
        }
        acc = tg_builtin_object_union(acc, o);
    }
    return acc;
}

/* The sets inside a set of sets; 0 and an error if any element is not a set. */
static int32_t set_of_sets(const char *name, tg_value *s)
{
    if (!tg_check_type(name, 1, s, TG_SET))
        return 0;
    for (int32_t i = 0; i < tg_map(s)->len; i++) {
        tg_value *e = tg_map(s)->entries[i].key;
        if (e->type != TG_SET) {
            tg_error_element(name, 1, s, "set", e);
            return 0;
        }
    }
    return 1;
}

TG_BUILTIN("union") tg_value *tg_builtin_union(tg_value *sets)
{
    if (!set_of_sets("union", sets))
        return 0;
    tg_value *r = tg_set();
    for (int32_t i = 0; i < tg_map(sets)->len; i++) {
        tg_map_t *s = tg_map(tg_map(sets)->entries[i].key);
        for (int32_t j = 0; j < s->len; j++)
            tg_set_add(r, s->entries[j].key);
    }
    return r;
}

TG_BUILTIN("intersection") tg_value *tg_builtin_intersection(tg_value *sets)
{
    if (!set_of_sets("intersection", sets))
        return 0;
    tg_map_t *all = tg_map(sets);
    tg_value *r = tg_set();
    if (all->len == 0)
        return r;
    tg_map_t *first = tg_map(all->entries[0].key);
    for (int32_t j = 0; j < first->len; j++) {
        tg_value *e = first->entries[j].key;
        int32_t everywhere = 1;
        for (int32_t i = 1; i < all->len && everywhere; i++)
            everywhere = tg_map_find(tg_map(all->entries[i].key), e) != 0;
        if (everywhere)
            tg_set_add(r, e);
    }
    return r;
}
