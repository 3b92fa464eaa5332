/* Argument helpers shared by builtins. */
#include "builtin.h"

int32_t tg_arg_int(const char *builtin, int32_t operand, tg_value *v, int64_t *out)
{
    if (!tg_check_type(builtin, operand, v, TG_NUMBER))
        return 0;
    if (tg_number_to_i64(v, out))
        return 1;
    if (!tg_number_is_int(v)) {
        char text[] = "operand 0 must be integer number but got floating-point number";
        text[8] = (char)('0' + operand % 10);
        tg_error_set("eval_type_error", builtin, text);
        return 0;
    }
    tg_error_msg(builtin, "integer out of range");
    return 0;
}

int32_t tg_check_collection(const char *builtin, int32_t operand, tg_value *v, const char *allowed)
{
    if (v && (v->type == TG_ARRAY || v->type == TG_SET || v->type == TG_OBJECT))
        return 1;
    tg_error_operand_type(builtin, operand, allowed, v);
    return 0;
}

tg_value *tg_set_from_array_elems(tg_value *array)
{
    tg_array_t *a = tg_arr(array);
    tg_value *s = tg_set();
    for (int32_t i = 0; i < a->len; i++)
        tg_set_add(s, a->elems[i]);
    return s;
}
