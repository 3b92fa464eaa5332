/* Differential test of exact integer arithmetic against gcc's __int128 on random operands
 * spanning the int64 boundary (where the runtime switches from int64 to bigint). */
#include "harness.h"

static uint64_t state = 0x5eed5eed1234ull;

static uint64_t rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static __int128 random_value(int bits)
{
    unsigned __int128 u = ((unsigned __int128)rnd() << 64) | rnd();
    u &= (((unsigned __int128)1) << bits) - 1; /* bits <= 100 */
    __int128 v = (__int128)u;
    if (rnd() & 1)
        v = -v;
    return v;
}

static const char *text128(__int128 v, char *buf)
{
    char tmp[64];
    int n = 0;
    unsigned __int128 u = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    int len = 0;
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = 0;
    return buf;
}

void test_bigdiff(void)
{
    static const int widths[] = {8, 31, 62, 63, 64, 65, 80, 100};
    int failures = 0;
    for (int iter = 0; iter < 4000 && failures < 5; iter++) {
        tg_test_reset();
        int wa = widths[rnd() % 8], wb = widths[rnd() % 8];
        __int128 a = random_value(wa), b = random_value(wb);
        char sa[64], sb[64], want[64];
        tg_value *va = J(text128(a, sa)), *vb = J(text128(b, sb));
        int ok = 1;
        ok &= strcmp(D(tg_number_add(va, vb)), text128(a + b, want)) == 0;
        ok &= strcmp(D(tg_number_sub(va, vb)), text128(a - b, want)) == 0;
        if (wa <= 62 && wb <= 62)
            ok &= strcmp(D(tg_number_mul(va, vb)), text128(a * b, want)) == 0;
        int c = tg_value_compare(va, vb);
        ok &= (c < 0) == (a < b) && (c == 0) == (a == b);
        ok &= tg_value_equal(va, vb) == (a == b);
        if (b != 0) {
            ok &= strcmp(D(tg_number_rem(va, vb)), text128(a % b, want)) == 0;
            /* Exact quotients: (a*b)/b == a whenever the product fits. */
            if (wa <= 62 && wb <= 62) {
                char sp[64];
                tg_value *prod = J(text128(a * b, sp));
                ok &= strcmp(D(tg_number_div(prod, vb)), text128(a, want)) == 0;
            }
        }
        /* Hashes agree for equal values reached by different routes. */
        ok &= tg_value_hash(tg_number_sub(tg_number_add(va, vb), vb)) == tg_value_hash(va);
        CHECK(ok);
        if (!ok) {
            failures++;
            fprintf(stderr, "  operands %s %s\n", sa, sb);
        }
    }
}
