/* numbers.range, numbers.range_step and the bits.* family (64-bit integers). */
#include "builtin.h"

TG_BUILTIN("numbers.range") tg_value *tg_builtin_numbers_range(tg_value *a, tg_value *b)
{
    int64_t from, to;
    if (!tg_arg_int("numbers.range", 1, a, &from) || !tg_arg_int("numbers.range", 2, b, &to))
        return 0;
    int64_t count = (from <= to ? to - from : from - to) + 1;
    if (count > 10000000) {
        tg_error_msg("numbers.range", "range too large");
        return 0;
    }
    tg_value *r = tg_array((int32_t)count);
    int64_t step = from <= to ? 1 : -1;
    for (int64_t i = 0; i < count; i++)
        tg_array_append(r, tg_number_int(from + i * step));
    return r;
}

TG_BUILTIN("numbers.range_step") tg_value *tg_builtin_numbers_range_step(tg_value *a, tg_value *b, tg_value *step)
{
    int64_t from, to, st;
    if (!tg_arg_int("numbers.range_step", 1, a, &from) || !tg_arg_int("numbers.range_step", 2, b, &to) ||
        !tg_arg_int("numbers.range_step", 3, step, &st))
        return 0;
    if (st <= 0) {
        tg_error_msg("numbers.range_step", "step must be a positive number above zero");
        return 0;
    }
    int64_t span = from <= to ? to - from : from - to;
    if (span / st > 10000000) {
        tg_error_msg("numbers.range_step", "range too large");
        return 0;
    }
    tg_value *r = tg_array((int32_t)(span / st + 1));
    for (int64_t off = 0; off <= span; off += st)
        tg_array_append(r, tg_number_int(from <= to ? from + off : from - off));
    return r;
}

static int32_t ints2(const char *name, tg_value *a, tg_value *b, int64_t *x, int64_t *y)
{
    return tg_arg_int(name, 1, a, x) && tg_arg_int(name, 2, b, y);
}

TG_BUILTIN("bits.or") tg_value *tg_builtin_bits_or(tg_value *a, tg_value *b)
{
    int64_t x, y;
    return ints2("bits.or", a, b, &x, &y) ? tg_number_int(x | y) : 0;
}

TG_BUILTIN("bits.and") tg_value *tg_builtin_bits_and(tg_value *a, tg_value *b)
{
    int64_t x, y;
    return ints2("bits.and", a, b, &x, &y) ? tg_number_int(x & y) : 0;
}

TG_BUILTIN("bits.xor") tg_value *tg_builtin_bits_xor(tg_value *a, tg_value *b)
{
    int64_t x, y;
    return ints2("bits.xor", a, b, &x, &y) ? tg_number_int(x ^ y) : 0;
}

TG_BUILTIN("bits.negate") tg_value *tg_builtin_bits_negate(tg_value *a)
{
    int64_t x;
    return tg_arg_int("bits.negate", 1, a, &x) ? tg_number_int(~x) : 0;
}

TG_BUILTIN("bits.lsh") tg_value *tg_builtin_bits_lsh(tg_value *a, tg_value *b)
{
    int64_t x, y;
    if (!ints2("bits.lsh", a, b, &x, &y))
        return 0;
    if (y < 0) {
        tg_error_set("eval_type_error", "bits.lsh", "operand 2 must be an unsigned integer number but got a negative integer");
        return 0;
    }
    /* Exact (big) result, as OPA shifts big integers: x * 2^y. */
    tg_value *r = a;
    tg_value *two = tg_number_int(2);
    if (y > 4096) {
        tg_error_msg("bits.lsh", "shift too large");
        return 0;
    }
    for (int64_t i = 0; i < y; i++)
        r = tg_number_mul(r, two);
    return r;
}

TG_BUILTIN("bits.rsh") tg_value *tg_builtin_bits_rsh(tg_value *a, tg_value *b)
{
    int64_t x, y;
    if (!ints2("bits.rsh", a, b, &x, &y))
        return 0;
    if (y < 0) {
        tg_error_set("eval_type_error", "bits.rsh", "operand 2 must be an unsigned integer number but got a negative integer");
        return 0;
    }
    /* Arithmetic shift (floor division by 2^y), as Go's big.Int Rsh. */
    return tg_number_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
}
