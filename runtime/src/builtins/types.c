/* Type predicates and type_name. */
#include "builtin.h"

static tg_value *is_type(tg_value *v, int32_t type) { return v ? tg_boolean(v->type == type) : 0; }

TG_BUILTIN("is_number") tg_value *tg_builtin_is_number(tg_value *v) { return is_type(v, TG_NUMBER); }
TG_BUILTIN("is_string") tg_value *tg_builtin_is_string(tg_value *v) { return is_type(v, TG_STRING); }
TG_BUILTIN("is_boolean") tg_value *tg_builtin_is_boolean(tg_value *v) { return is_type(v, TG_BOOLEAN); }
TG_BUILTIN("is_array") tg_value *tg_builtin_is_array(tg_value *v) { return is_type(v, TG_ARRAY); }
TG_BUILTIN("is_set") tg_value *tg_builtin_is_set(tg_value *v) { return is_type(v, TG_SET); }
TG_BUILTIN("is_object") tg_value *tg_builtin_is_object(tg_value *v) { return is_type(v, TG_OBJECT); }
TG_BUILTIN("is_null") tg_value *tg_builtin_is_null(tg_value *v) { return is_type(v, TG_NULL); }

TG_BUILTIN("type_name") tg_value *tg_builtin_type_name(tg_value *v)
{
    if (!v)
        return 0;
    const char *name = tg_type_name(v);
    return tg_string(name, (int32_t)strlen(name));
}
