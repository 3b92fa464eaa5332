/* Floating point, 64-bit and conversion code so the optimizer emits a wide spread of opcodes. */
#include <stdint.h>
__attribute__((export_name("f2i"))) int32_t f2i(double d) { return (int32_t)d; }
__attribute__((export_name("i64mix"))) int64_t i64mix(int64_t a, int64_t b) { return (a * 31) ^ (b >> 3) ^ (int64_t)((uint64_t)a % 7u); }
__attribute__((export_name("fmix"))) float fmix(float a, float b) { return a * b + __builtin_sqrtf(a) - __builtin_fabsf(b); }
__attribute__((export_name("sext"))) int32_t sext(int32_t x) { return (int8_t)x + (int16_t)(x >> 8); }
__attribute__((export_name("copy"))) void copy(char *d, const char *s, int n) { __builtin_memcpy(d, s, n); __builtin_memset(d + n, 0, 8); }
__attribute__((export_name("sw"))) int sw(int x) { switch (x) { case 0: return 10; case 1: return 20; case 2: return 33; case 3: return 47; case 5: return 1; default: return -1; } }
