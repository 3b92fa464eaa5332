/* A small stand-in for the Tollgate runtime library: the same shape (ABI imports, exported stubs whose bodies
 * the linker replaces, an allocator that starts at tg_gen_heap_base(), function pointers, unused code). */
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

IMPORT("opa_abort") void opa_abort(const char *msg);
IMPORT("opa_println") void opa_println(const char *msg);
IMPORT("opa_builtin1") int32_t opa_builtin1(int32_t id, int32_t ctx, int32_t a);

extern unsigned char __heap_base;

/* Stubs live in mini_stubs.c: in the same file clang would propagate their constant results into callers. */
int32_t tg_gen_heap_base(void);
int32_t tg_gen_eval(int32_t ep, int32_t input, int32_t data);
const char *tg_gen_entrypoints_json(void);

static uint32_t heap_ptr;
static char greeting[] = "runtime says hi";
static int32_t counters[64];

static void heap_init(void) {
  if (heap_ptr == 0) {
    int32_t base = tg_gen_heap_base();
    heap_ptr = base != 0 ? (uint32_t)base : (uint32_t)(uintptr_t)&__heap_base;
  }
}

EXPORT("opa_malloc") int32_t opa_malloc(int32_t size) {
  heap_init();
  uint32_t p = (heap_ptr + 7u) & ~7u;
  heap_ptr = p + (uint32_t)size;
  uint32_t pages = __builtin_wasm_memory_size(0);
  if (heap_ptr > pages * 65536u) {
    if (__builtin_wasm_memory_grow(0, (heap_ptr - pages * 65536u + 65535u) / 65536u) < 0) opa_abort("out of memory");
  }
  return (int32_t)p;
}

EXPORT("opa_heap_ptr_get") int32_t opa_heap_ptr_get(void) { heap_init(); return (int32_t)heap_ptr; }
EXPORT("opa_heap_ptr_set") void opa_heap_ptr_set(int32_t p) { heap_ptr = (uint32_t)p; }

EXPORT("tg_add") int32_t tg_add(int32_t a, int32_t b) { return a + b; }
EXPORT("tg_mul") int32_t tg_mul(int32_t a, int32_t b) { return a * b; }
EXPORT("tg_strlen") int32_t tg_strlen(const char *s) { int32_t n = 0; while (s[n]) n++; return n; }
EXPORT("tg_load_byte") int32_t tg_load_byte(const unsigned char *p) { return *p; }
EXPORT("tg_greeting") const char *tg_greeting(void) { return greeting; }

/* Function pointers: reachable only through the table, so the linker must keep them. */
static int32_t op_inc(int32_t x) { return x + 1; }
static int32_t op_dbl(int32_t x) { return x * 2; }
static int32_t (*const ops[])(int32_t) = { op_inc, op_dbl };
EXPORT("tg_apply") int32_t tg_apply(int32_t which, int32_t x) { return ops[which & 1](x); }

EXPORT("tg_count") int32_t tg_count(int32_t i) { counters[i & 63]++; return counters[i & 63]; }

/* Unused unless something exported and kept calls it: dead code removal drops these. */
__attribute__((noinline)) static int32_t deep_helper(int32_t x) { return x ^ 0x5a5a; }
EXPORT("tg_unused_a") int32_t tg_unused_a(int32_t x) { return deep_helper(x) + 3; }
EXPORT("tg_unused_b") int32_t tg_unused_b(int32_t x) { opa_println(greeting); return opa_builtin1(1, 0, x); }

EXPORT("opa_eval") int32_t opa_eval(int32_t reserved, int32_t ep, int32_t data, int32_t input, int32_t len, int32_t heap, int32_t format) {
  if (reserved != 0) opa_abort("reserved must be 0");
  heap_ptr = (uint32_t)heap;
  return tg_gen_eval(ep, input, data);
}

EXPORT("entrypoints") const char *entrypoints(void) { return tg_gen_entrypoints_json(); }
