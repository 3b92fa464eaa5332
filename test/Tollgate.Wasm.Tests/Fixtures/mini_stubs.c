/* Code generator stubs of the mini runtime: the linker replaces their bodies. Compiled as a separate
 * translation unit (no LTO) so that callers really call them. */
#include <stdint.h>

#define STUB(name) __attribute__((noinline, used, export_name(name)))

STUB("tg_gen_heap_base") int32_t tg_gen_heap_base(void) { return 0; }
STUB("tg_gen_eval") int32_t tg_gen_eval(int32_t ep, int32_t input, int32_t data) { return 0; }
STUB("tg_gen_entrypoints_json") const char *tg_gen_entrypoints_json(void) { return 0; }
