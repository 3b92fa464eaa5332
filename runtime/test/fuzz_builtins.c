/*
 * Fuzz target for string, encoding and number builtins on arbitrary bytes (libFuzzer:
 * LLVMFuzzerTestOneInput). The input is split at 0xff bytes into up to three strings; every
 * builtin must return a value or record an error, never read out of bounds or crash.
 * With -DTG_FUZZ_MAIN it runs a deterministic random loop for the given seconds.
 */
#include <stdlib.h>
#include <time.h>
#include "harness.h"

extern void tg_native_heap_reset(void);
#define B1(name) tg_value *tg_builtin_##name(tg_value *);
#define B2(name) tg_value *tg_builtin_##name(tg_value *, tg_value *);
#define B3(name) tg_value *tg_builtin_##name(tg_value *, tg_value *, tg_value *);
B1(count) B1(lower) B1(upper) B2(trim) B2(trim_left) B2(trim_right) B1(trim_space) B2(trim_prefix)
B2(trim_suffix) B2(split) B3(replace) B3(substring) B2(indexof) B1(strings_reverse) B1(to_number)
B2(contains) B2(startswith) B2(endswith) B2(strings_count) B3(strings_split_n) B1(base64_decode)
B1(base64url_decode) B1(hex_decode) B1(base64_encode) B1(hex_encode) B1(json_unmarshal) B1(json_marshal)
B2(net_cidr_contains) B1(net_cidr_is_valid) B2(format_int) B2(concat)

static void use(tg_value *v)
{
    if (v)
        (void)opa_json_dump(v);
    tg_builtin_error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tg_native_heap_reset();
    const char *parts[3] = {"", "", ""};
    int32_t lens[3] = {0, 0, 0};
    int part = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size && part < 3; i++) {
        if (i == size || data[i] == 0xff) {
            parts[part] = (const char *)data + start;
            lens[part] = (int32_t)(i - start);
            part++;
            start = i + 1;
        }
    }
    tg_value *a = tg_string(parts[0], lens[0]), *b = tg_string(parts[1], lens[1]), *c = tg_string(parts[2], lens[2]);
    int64_t k = lens[1] % 7 - 3;
    tg_value *n1 = tg_number_int(k), *n2 = tg_number_int(lens[2] % 5 - 1);
    use(tg_builtin_count(a));
    use(tg_builtin_lower(a));
    use(tg_builtin_upper(a));
    use(tg_builtin_trim(a, b));
    use(tg_builtin_trim_left(a, b));
    use(tg_builtin_trim_right(a, b));
    use(tg_builtin_trim_space(a));
    use(tg_builtin_trim_prefix(a, b));
    use(tg_builtin_trim_suffix(a, b));
    use(tg_builtin_split(a, b));
    use(tg_builtin_replace(a, b, c));
    use(tg_builtin_substring(a, n1, n2));
    use(tg_builtin_indexof(a, b));
    use(tg_builtin_strings_reverse(a));
    use(tg_builtin_to_number(a));
    use(tg_builtin_contains(a, b));
    use(tg_builtin_startswith(a, b));
    use(tg_builtin_endswith(a, b));
    use(tg_builtin_strings_count(a, b));
    use(tg_builtin_strings_split_n(a, b, n1));
    use(tg_builtin_base64_decode(a));
    use(tg_builtin_base64url_decode(a));
    use(tg_builtin_hex_decode(a));
    use(tg_builtin_base64_encode(a));
    use(tg_builtin_hex_encode(a));
    use(tg_builtin_json_unmarshal(a));
    use(tg_builtin_json_marshal(a));
    use(tg_builtin_net_cidr_contains(a, b));
    use(tg_builtin_net_cidr_is_valid(a));
    tg_value *parts_array = tg_array(2);
    tg_array_append(parts_array, a);
    tg_array_append(parts_array, b);
    use(tg_builtin_concat(c, parts_array));
    /* Numbers from the text, when it is a valid literal: format in every base. */
    if (lens[0] > 0 && lens[0] < 64 && tg_number_valid_literal(parts[0], lens[0])) {
        tg_value *num = tg_number_parse(parts[0], lens[0], 1);
        use(tg_builtin_format_int(num, tg_number_int(16)));
        use(tg_number_add(num, tg_number_int(k)));
        use(tg_number_div(num, tg_number_int(k)));
    }
    return 0;
}

#ifdef TG_FUZZ_MAIN
static uint64_t rng = 0x6275696c74696eull;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    static const uint8_t alphabet[] = "ab. /:0129eE-+=\xc3\xa5\x80\xe2\x82\xac\xf0\x9f\x98\x80\xff\"[]{}";
    uint8_t buf[128];
    clock_t start = clock();
    long runs = 0;
    while ((double)(clock() - start) / CLOCKS_PER_SEC < seconds && runs < 1000000) {
        size_t len = next_random() % sizeof(buf);
        for (size_t i = 0; i < len; i++)
            buf[i] = alphabet[next_random() % (sizeof(alphabet) - 1)];
        LLVMFuzzerTestOneInput(buf, len);
        runs++;
    }
    fprintf(stderr, "fuzz builtins: %ld inputs, no failures\n", runs);
    return 0;
}
#endif
