/*
 * Stubs for the functions the code generator supplies. Tollgate's linker finds them by export
 * name and replaces their bodies, so they live in their own file, are never inlined, and their
 * results are never folded into callers (no LTO).
 */
#include "tg_internal.h"

#define TG_GEN __attribute__((noinline, used))

TG_GEN TG_EXPORT("tg_gen_eval") tg_value *tg_gen_eval(int32_t ep, tg_value *input, tg_value *data)
{
    (void)ep;
    (void)input;
    (void)data;
    return 0;
}

TG_GEN TG_EXPORT("tg_gen_entrypoints_json") const char *tg_gen_entrypoints_json(void) { return "{}"; }

TG_GEN TG_EXPORT("tg_gen_builtins_json") const char *tg_gen_builtins_json(void) { return "{}"; }

TG_GEN TG_EXPORT("tg_gen_embedded_data") const char *tg_gen_embedded_data(void) { return 0; }

TG_GEN TG_EXPORT("tg_gen_embedded_data_len") int32_t tg_gen_embedded_data_len(void) { return 0; }

TG_GEN TG_EXPORT("tg_gen_heap_base") int32_t tg_gen_heap_base(void) { return 0; }

TG_GEN TG_EXPORT("tg_gen_input_paths") const tg_input_node *tg_gen_input_paths(int32_t ep)
{
    (void)ep;
    return 0;
}
