/* Property test of OPA's total order on random values: antisymmetry, transitivity,
 * equal <=> compare == 0, equal => same hash, and Rego dump/parse round trips. */
#include "harness.h"

static uint64_t state = 0x0123456789abcdefull;

static uint32_t rnd(uint32_t n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state % n);
}

static const char *numbers[] = {"0", "-0", "1", "1.0", "10e-1", "-1", "2.5", "25e-1", "1e400", "-1e400", "1e-400",
                                "18446744073709551616", "18446744073709551616.0", "9223372036854775807",
                                "-9223372036854775808", "0.1", "0.10", "3"};
static const char *strings[] = {"\"\"", "\"a\"", "\"b\"", "\"ab\"", "\"\\u00e9\"", "\"A\""};

static tg_value *random_value(int depth)
{
    uint32_t kind = rnd(depth > 2 ? 5 : 8);
    switch (kind) {
    case 0: return tg_null();
    case 1: return tg_boolean((int32_t)rnd(2));
    case 2:
    case 3: return J(numbers[rnd(sizeof(numbers) / sizeof(numbers[0]))]);
    case 4: return J(strings[rnd(sizeof(strings) / sizeof(strings[0]))]);
    case 5: {
        tg_value *a = tg_array(0);
        for (uint32_t i = rnd(3); i > 0; i--)
            tg_array_append(a, random_value(depth + 1));
        return a;
    }
    case 6: {
        tg_value *o = tg_object();
        for (uint32_t i = rnd(4); i > 0; i--)
            tg_object_insert(o, random_value(depth + 2), random_value(depth + 1));
        return o;
    }
    default: {
        tg_value *s = tg_set();
        for (uint32_t i = rnd(4); i > 0; i--)
            tg_set_add(s, random_value(depth + 1));
        return s;
    }
    }
}

static int sign(int32_t c) { return (c > 0) - (c < 0); }

void test_order(void)
{
    int bad = 0;
    for (int iter = 0; iter < 3000 && bad < 5; iter++) {
        tg_value *a = random_value(0), *b = random_value(0), *c = random_value(0);
        int ab = sign(tg_value_compare(a, b)), ba = sign(tg_value_compare(b, a));
        int bc = sign(tg_value_compare(b, c)), ac = sign(tg_value_compare(a, c));
        int ok = ab == -ba;
        ok &= (ab == 0) == (tg_value_equal(a, b) != 0);
        ok &= ab != 0 || tg_value_hash(a) == tg_value_hash(b);
        ok &= !(ab <= 0 && bc <= 0) || ac <= 0; /* transitivity */
        char *text = opa_value_dump(a);
        tg_value *back = opa_value_parse(text, (int32_t)strlen(text));
        ok &= back && tg_value_equal(a, back) && tg_value_hash(a) == tg_value_hash(back);
        CHECK(ok);
        if (!ok) {
            bad++;
            fprintf(stderr, "  a=%s b=%s c=%s\n", DR(a), DR(b), DR(c));
        }
    }
}
