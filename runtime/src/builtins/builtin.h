/* Shared helpers for the in-module builtins (exported as "tg.builtin.<OPA name>"). */
#ifndef TG_BUILTIN_H
#define TG_BUILTIN_H

#include "../tg_internal.h"

#define TG_BUILTIN(opa_name) TG_EXPORT("tg.builtin." opa_name)

static inline tg_string_t *tg_str(tg_value *v) { return (tg_string_t *)v; }
static inline tg_array_t *tg_arr(tg_value *v) { return (tg_array_t *)v; }
static inline tg_map_t *tg_map(tg_value *v) { return (tg_map_t *)v; }

/* Records "operand N must be integer number but got floating-point number" style errors. */
int32_t tg_arg_int(const char *builtin, int32_t operand, tg_value *v, int64_t *out);
/* True if v is an array/set/object; on mismatch records "must be one of {...}". */
int32_t tg_check_collection(const char *builtin, int32_t operand, tg_value *v, const char *allowed);
tg_value *tg_set_from_array_elems(tg_value *array);

#endif
