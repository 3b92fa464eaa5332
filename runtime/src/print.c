/* print() and template strings ($"..."): values formatted as OPA formats terms in text, i.e.
 * strings as they are and everything else in Rego syntax with OPA's spacing ([1, 2], {"a": 1},
 * {1}, set()). The code generator has already replaced undefined parts by "<undefined>". */
#include "builtins/builtin.h"

#ifdef TG_WASM
__attribute__((import_module("env"), import_name("opa_println"))) void opa_println(const char *line);
#else
extern void tg_native_println(const char *line);
#define opa_println tg_native_println
#endif

static void format_values(tg_strbuf *sb, tg_value *values, const char *separator)
{
    int32_t n = tg_value_length(values);
    for (int32_t i = 0; i < n; i++) {
        tg_value *v = tg_iter_value(values, i);
        if (i)
            tg_sb_puts(sb, separator);
        if (v->type == TG_STRING)
            tg_sb_put(sb, ((tg_string_t *)v)->data, ((tg_string_t *)v)->len);
        else
            tg_dump_value(sb, v, 2);
    }
}

/* One line through opa_println, the values separated by spaces. */
TG_EXPORT("tg_print_values") void tg_print_values(tg_value *args)
{
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    format_values(&sb, args, " ");
    opa_println(tg_sb_cstr(&sb));
    tg_release(sb.buf);
}

/* $"...": the parts (an array: literal text and values) concatenated. */
TG_BUILTIN("internal.template_string") tg_value *tg_builtin_internal_template_string(tg_value *parts)
{
    if (!tg_check_type("internal.template_string", 1, parts, TG_ARRAY))
        return 0;
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    format_values(&sb, parts, "");
    return tg_string(sb.buf, sb.len);
}
