/*
 * Unsigned arbitrary-precision integers ("magnitudes") in base 1e9, little-endian limbs.
 * Base 1e9 makes decimal scaling and printing cheap, which is what Rego numbers need most.
 * n == 0 means zero; results never have leading zero limbs. Results are heap-allocated and
 * never freed individually: they die with the evaluation's heap.
 */
#ifndef TG_BIGINT_H
#define TG_BIGINT_H

#include "tg_internal.h"

#define TG_BASE 1000000000u

typedef struct {
    uint32_t *d;
    int32_t n;
} tg_mag;

tg_mag tg_mag_from_u64(uint64_t v);
/* Parses decimal digits (no sign, no leading zeros required). */
tg_mag tg_mag_from_digits(const char *digits, int32_t len);
int32_t tg_mag_cmp(tg_mag a, tg_mag b);
tg_mag tg_mag_add(tg_mag a, tg_mag b);
/* a - b, requires a >= b. */
tg_mag tg_mag_sub(tg_mag a, tg_mag b);
tg_mag tg_mag_mul(tg_mag a, tg_mag b);
tg_mag tg_mag_mul_small(tg_mag a, uint32_t m);
tg_mag tg_mag_add_small(tg_mag a, uint32_t m);
/* a * 10^k */
tg_mag tg_mag_scale10(tg_mag a, int32_t k);
tg_mag tg_mag_pow10(int32_t k);
/* q = a / m, returns a % m; 0 < m < 1e9. */
uint32_t tg_mag_div_small(tg_mag a, uint32_t m, tg_mag *q);
/* q = a / b, r = a % b; b must be non-zero. */
void tg_mag_divmod(tg_mag a, tg_mag b, tg_mag *q, tg_mag *r);
/* Divides by 10^k when a is divisible, returning how many zeros were removed (<= max). */
int32_t tg_mag_strip_zeros(tg_mag *a, int32_t max);
int32_t tg_mag_digits(tg_mag a);
/* 1 if it fits in uint64, storing it in *out. */
int32_t tg_mag_to_u64(tg_mag a, uint64_t *out);
/* Decimal digits into buf (must hold tg_mag_digits(a) bytes, at least 1). Returns length. */
int32_t tg_mag_write(tg_mag a, char *buf);

#endif
