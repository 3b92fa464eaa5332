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

/* Input paths (opa_eval's selective parse): a.{whole}, b.c, w, x.y.z. */
static tg_string_t key_a = {TG_STRING, 1, "a"}, key_b = {TG_STRING, 1, "b"}, key_c = {TG_STRING, 1, "c"},
                   key_w = {TG_STRING, 1, "w"}, key_x = {TG_STRING, 1, "x"}, key_y = {TG_STRING, 1, "y"},
                   key_z = {TG_STRING, 1, "z"};
static struct { int32_t count; tg_input_member members[1]; } node_c = {1, {{&key_c, 0}}}, node_z = {1, {{&key_z, 0}}},
                                                              node_y = {1, {{&key_y, (const tg_input_node *)&node_z}}};
static struct { int32_t count; tg_input_member members[4]; } node_root = {
    4, {{&key_a, 0}, {&key_b, (const tg_input_node *)&node_c}, {&key_w, 0}, {&key_x, (const tg_input_node *)&node_y}}};

/* What the selective parse must build: the full value with only the members on the paths. */
static tg_value *project(tg_value *full, const tg_input_node *node)
{
    if (!node || full->type != TG_OBJECT)
        return full;
    tg_value *out = tg_object();
    for (int32_t i = 0; i < node->count; i++) {
        tg_value *member = tg_value_get(full, (tg_value *)node->members[i].key);
        if (member)
            tg_object_insert(out, (tg_value *)node->members[i].key, project(member, node->members[i].child));
    }
    return out;
}

/* Property: the selective parse accepts exactly the texts the full parse accepts, and builds their projection. */
static void check_paths(const uint8_t *data, size_t size)
{
    const tg_input_node *root = (const tg_input_node *)&node_root;
    tg_value *full = tg_parse_borrowing((const char *)data, (int32_t)size);
    tg_value *part = tg_parse_input((const char *)data, (int32_t)size, root);
    if (!full != !part) {
        fprintf(stderr, "fuzz: selective parse %s what the full parse %s: %.*s\n", part ? "accepts" : "rejects",
                full ? "accepts" : "rejects", (int)size, (const char *)data);
        abort();
    }
    if (full && !tg_value_equal(project(full, root), part)) {
        fprintf(stderr, "fuzz: selective parse differs: %.*s\n", (int)size, (const char *)data);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tg_native_heap_reset();
    check_stable(data, size, 0);
    tg_native_heap_reset();
    check_stable(data, size, 1);
    tg_native_heap_reset();
    check_paths(data, size);
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
    "{\"b\": {\"c\": 1, \"d\": 2}, \"a\": [1], \"x\": {\"y\": {\"z\": 1, \"q\": 2}}, \"w\": {1}, \"b\": 3}",
    "{\"x\": {\"y\": \"s\", \"y\": {\"z\": 0}}, \"\\u0061\": true, `b`: {\"c\"}}",
    "{\"q\": [1, -2.5e3, {\"r\": [true, null, false]}, \"s\\u00e9\", {1, `t`}, set(), {}], \"x\": {\"p\": {\"k\": 1}}, 2: [[]]}",
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
