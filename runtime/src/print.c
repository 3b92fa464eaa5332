/* print(): the code generator collects the arguments into an array (undefined ones already
 * replaced by the string "<undefined>") and calls tg_print_values, which writes one line as OPA
 * does: strings as they are, other values as Rego terms, separated by spaces. */
#include "tg_internal.h"

#ifdef TG_WASM
__attribute__((import_module("env"), import_name("opa_println"))) void opa_println(const char *line);
#else
extern void tg_native_println(const char *line);
#define opa_println tg_native_println
#endif

TG_EXPORT("tg_print_values") void tg_print_values(tg_value *args)
{
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    int32_t n = tg_value_length(args);
    for (int32_t i = 0; i < n; i++) {
        tg_value *v = tg_iter_value(args, i);
        if (i)
            tg_sb_putc(&sb, ' ');
        if (v->type == TG_STRING)
            tg_sb_put(&sb, ((tg_string_t *)v)->data, ((tg_string_t *)v)->len);
        else
            tg_dump_value(&sb, v, 2);
    }
    opa_println(tg_sb_cstr(&sb));
    tg_release(sb.buf);
}
