/* Rego's infix operators: arithmetic, comparison, set algebra and membership (`in`). */
#include "builtin.h"

static int32_t numbers(const char *name, tg_value *a, tg_value *b)
{
    return tg_check_type(name, 1, a, TG_NUMBER) && tg_check_type(name, 2, b, TG_NUMBER);
}

TG_BUILTIN("plus") tg_value *tg_builtin_plus(tg_value *a, tg_value *b)
{
    return numbers("plus", a, b) ? tg_number_add(a, b) : 0;
}

TG_BUILTIN("mul") tg_value *tg_builtin_mul(tg_value *a, tg_value *b)
{
    return numbers("mul", a, b) ? tg_number_mul(a, b) : 0;
}

static tg_value *set_difference(tg_value *a, tg_value *b)
{
    tg_map_t *x = tg_map(a);
    tg_value *r = tg_set();
    for (int32_t i = 0; i < x->len; i++) {
        tg_value *e = x->entries[i].key;
        if (!tg_map_find(tg_map(b), e))
            tg_set_add(r, e);
    }
    return r;
}

TG_BUILTIN("minus") tg_value *tg_builtin_minus(tg_value *a, tg_value *b)
{
    if (a && a->type == TG_NUMBER)
        return tg_check_type("minus", 2, b, TG_NUMBER) ? tg_number_sub(a, b) : 0;
    if (a && a->type == TG_SET)
        return tg_check_type("minus", 2, b, TG_SET) ? set_difference(a, b) : 0;
    tg_error_operand_type("minus", 1, "one of {number, set}", a);
    return 0;
}

TG_BUILTIN("div") tg_value *tg_builtin_div(tg_value *a, tg_value *b)
{
    if (!numbers("div", a, b))
        return 0;
    tg_value *r = tg_number_div(a, b);
    if (!r)
        tg_error_msg("div", "divide by zero");
    return r;
}

TG_BUILTIN("rem") tg_value *tg_builtin_rem(tg_value *a, tg_value *b)
{
    if (!numbers("rem", a, b))
        return 0;
    if (!tg_number_is_int(a) || !tg_number_is_int(b)) {
        tg_error_msg("rem", "modulo on floating-point number");
        return 0;
    }
    if (tg_number_sign(b) == 0) {
        tg_error_msg("rem", "modulo by zero");
        return 0;
    }
    return tg_number_rem(a, b);
}

TG_BUILTIN("abs") tg_value *tg_builtin_abs(tg_value *a)
{
    if (!tg_check_type("abs", 1, a, TG_NUMBER))
        return 0;
    return tg_number_sign(a) < 0 ? tg_number_neg(a) : a;
}

TG_BUILTIN("round") tg_value *tg_builtin_round(tg_value *a)
{
    return tg_check_type("round", 1, a, TG_NUMBER) ? tg_number_round(a, 2) : 0;
}

TG_BUILTIN("ceil") tg_value *tg_builtin_ceil(tg_value *a)
{
    return tg_check_type("ceil", 1, a, TG_NUMBER) ? tg_number_round(a, 1) : 0;
}

TG_BUILTIN("floor") tg_value *tg_builtin_floor(tg_value *a)
{
    return tg_check_type("floor", 1, a, TG_NUMBER) ? tg_number_round(a, 0) : 0;
}

TG_BUILTIN("equal") tg_value *tg_builtin_equal(tg_value *a, tg_value *b) { return tg_boolean(tg_value_equal(a, b)); }

TG_BUILTIN("neq") tg_value *tg_builtin_neq(tg_value *a, tg_value *b) { return tg_boolean(!tg_value_equal(a, b)); }

TG_BUILTIN("lt") tg_value *tg_builtin_lt(tg_value *a, tg_value *b) { return tg_boolean(tg_value_compare(a, b) < 0); }

TG_BUILTIN("lte") tg_value *tg_builtin_lte(tg_value *a, tg_value *b) { return tg_boolean(tg_value_compare(a, b) <= 0); }

TG_BUILTIN("gt") tg_value *tg_builtin_gt(tg_value *a, tg_value *b) { return tg_boolean(tg_value_compare(a, b) > 0); }

TG_BUILTIN("gte") tg_value *tg_builtin_gte(tg_value *a, tg_value *b) { return tg_boolean(tg_value_compare(a, b) >= 0); }

TG_BUILTIN("and") tg_value *tg_builtin_and(tg_value *a, tg_value *b)
{
    if (!tg_check_type("and", 1, a, TG_SET) || !tg_check_type("and", 2, b, TG_SET))
        return 0;
    tg_map_t *x = tg_map(a);
    tg_value *r = tg_set();
    for (int32_t i = 0; i < x->len; i++) {
        tg_value *e = x->entries[i].key;
        if (tg_map_find(tg_map(b), e))
            tg_set_add(r, e);
    }
    return r;
}

TG_BUILTIN("or") tg_value *tg_builtin_or(tg_value *a, tg_value *b)
{
    if (!tg_check_type("or", 1, a, TG_SET) || !tg_check_type("or", 2, b, TG_SET))
        return 0;
    tg_value *r = tg_value_shallow_copy(a);
    tg_map_t *y = tg_map(b);
    for (int32_t i = 0; i < y->len; i++)
        tg_set_add(r, y->entries[i].key);
    return r;
}

/* `x in coll`: membership among the values of an array, set or object. */
TG_BUILTIN("internal.member_2") tg_value *tg_builtin_member_2(tg_value *x, tg_value *coll)
{
    if (!x || !coll)
        return 0;
    switch (coll->type) {
    case TG_SET:
        return tg_boolean(tg_map_find(tg_map(coll), x) != 0);
    case TG_ARRAY: {
        tg_array_t *a = tg_arr(coll);
        for (int32_t i = 0; i < a->len; i++) {
            if (tg_value_equal(a->elems[i], x))
                return tg_boolean(1);
        }
        return tg_boolean(0);
    }
    case TG_OBJECT: {
        tg_map_t *m = tg_map(coll);
        for (int32_t i = 0; i < m->len; i++) {
            if (tg_value_equal(m->entries[i].value, x))
                return tg_boolean(1);
        }
        return tg_boolean(0);
    }
    default:
        return tg_boolean(0);
    }
}

/* `k, v in coll`: coll[k] == v. */
TG_BUILTIN("internal.member_3") tg_value *tg_builtin_member_3(tg_value *k, tg_value *v, tg_value *coll)
{
    if (!k || !v || !coll)
        return 0;
    if (coll->type != TG_ARRAY && coll->type != TG_OBJECT && coll->type != TG_SET)
        return tg_boolean(0);
    tg_value *found = tg_value_get(coll, k);
    return tg_boolean(found && tg_value_equal(found, v));
}
