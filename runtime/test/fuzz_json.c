/*
 * Fuzz target for the JSON and Rego value parsers (libFuzzer: LLVMFuzzerTestOneInput).
 * Property: parsing never crashes, and whatever parses dumps to text that parses back (to an
 * equal value, for ASCII input) and dumps identically. With -DTG_FUZZ_MAIN it builds a standalone driver that
 * runs deterministic pseudo-random mutations of a small corpus for the given seconds.
 */
#include <stdlib.h>
#include <time.h>
#include "harness.h"

extern void tg_native_heap_reset(void);

static void check_stable(const uint8_t *data, size_t size, int32_t rego)
{
    tg_value *v = tg_parse_text((const char *)data, (int32_t)size, rego);
    if (!v)
        return;
    char *text = rego ? opa_value_dump(v) : opa_json_dump(v);
    tg_value *back = tg_parse_text(text, (int32_t)strlen(text), rego);
    /* Invalid UTF-8 is dumped as U+FFFD (as Go does), so only ASCII input must compare equal. */
    int ascii = 1;
    for (size_t i = 0; i < size; i++)
        ascii &= data[i] < 0x80;
    if (!back || (ascii && !tg_value_equal(v, back))) {
        fprintf(stderr, "fuzz: dump does not parse back equal: %s\n", text);
        abort();
    }
    char *again = rego ? opa_value_dump(back) : opa_json_dump(back);
    if (ascii && strcmp(text, again) != 0) {
        fprintf(stderr, "fuzz: unstable dump: %s vs %s\n", text, again);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tg_native_heap_reset();
    check_stable(data, size, 0);
    tg_native_heap_reset();
    check_stable(data, size, 1);
    return 0;
}

#ifdef TG_FUZZ_MAIN
static const char *corpus[] = {
    "{\"a\": [1, 2.5, -3e10, true, false, null], \"b\": {\"c\": \"\\u00e9\\n\"}}",
    "[1e400, 0.1, -0, 12345678901234567890123, {\"k\": []}]",
    "{1, 2, {3: [4]}, set(), `raw`}",
    "\"\\ud83d\\ude00 <>&\"",
    "[[[[[[[[[[]]]]]]]]]]",
    "{\"x\": {\"y\": {\"z\": 1.000}}, \"w\": \"\\\"\"}",
};

static uint64_t rng_state = 0x7467617465ull;

static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    static const char alphabet[] = "{}[],:\"\\`01-+.eE9tfnulrs() \xc3\xa9\x80";
    uint8_t buf[512];
    clock_t start = clock();
    long runs = 0;
    while ((double)(clock() - start) / CLOCKS_PER_SEC < seconds && runs < 2000000) {
        const char *seed = corpus[next_random() % (sizeof(corpus) / sizeof(corpus[0]))];
        size_t len = strlen(seed);
        memcpy(buf, seed, len);
        int mutations = 1 + (int)(next_random() % 4);
        for (int m = 0; m < mutations; m++) {
            uint32_t r = next_random();
            size_t at = len ? r % len : 0;
            switch ((r >> 16) % 3) {
            case 0: /* replace */
                if (len)
                    buf[at] = (uint8_t)alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
                break;
            case 1: /* insert */
                if (len < sizeof(buf) - 1) {
                    memmove(buf + at + 1, buf + at, len - at);
                    buf[at] = (uint8_t)alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
                    len++;
                }
                break;
            default: /* delete */
                if (len) {
                    memmove(buf + at, buf + at + 1, len - at - 1);
                    len--;
                }
                break;
            }
        }
        LLVMFuzzerTestOneInput(buf, len);
        runs++;
    }
    fprintf(stderr, "fuzz: %ld inputs, no failures\n", runs);
    return 0;
}
#endif
