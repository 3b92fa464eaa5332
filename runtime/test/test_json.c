/* JSON and Rego value parsing and dumping. */
#include "harness.h"

static void roundtrip(const char *in, const char *want)
{
    tg_value *v = opa_json_parse(in, (int32_t)strlen(in));
    CHECK_STR(D(v), want);
}

static void invalid(const char *in) { CHECK(opa_json_parse(in, (int32_t)strlen(in)) == 0); }

void test_json(void)
{
    roundtrip("null", "null");
    roundtrip(" true ", "true");
    roundtrip("[1, 2 ,3]", "[1,2,3]");
    roundtrip("{\"b\": 1, \"a\": [true, false, null]}", "{\"a\":[true,false,null],\"b\":1}");
    roundtrip("\"a\\u00e9\\n\\\"<>&\"", "\"a\xc3\xa9\\n\\\"\\u003c\\u003e\\u0026\"");
    roundtrip("\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\"");
    roundtrip("\"\\ud83d\"", "\"\xef\xbf\xbd\"");
    roundtrip("\"\\u0001\\b\\f\"", "\"\\u0001\\b\\f\"");
    roundtrip("1.50", "1.50");
    roundtrip("1e400", "1e400");
    roundtrip("-0.0", "-0.0");
    roundtrip("{\"a\":1,\"a\":2}", "{\"a\":2}");
    roundtrip("12345678901234567890123", "12345678901234567890123");
    roundtrip("{}", "{}");
    roundtrip("[]", "[]");
    /* Integer fast path boundaries, duplicate keys after the map gets its hash index, long keys. */
    roundtrip("[0, 7, 123456789012345678, 1234567890123456789, 99e1, 10.5, -3]",
              "[0,7,123456789012345678,1234567890123456789,99e1,10.5,-3]");
    roundtrip("{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k2\":20}",
              "{\"k1\":1,\"k2\":20,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9}");
    roundtrip("{\"a_rather_long_key_name_here\":1,\"a_rather_long_key_name_herf\":2,\"a_rather_long_key_name_here\":3}",
              "{\"a_rather_long_key_name_here\":3,\"a_rather_long_key_name_herf\":2}");
    roundtrip("{\"b\":1,\"a\":2,\"ab\":3,\"\":4}", "{\"\":4,\"a\":2,\"ab\":3,\"b\":1}");
    roundtrip(" \t\r\n[ \"x\" , { } ]\n", "[\"x\",{}]");
    /* Long strings take the eight-bytes-at-a-time scan: stops at quotes, escapes and control bytes at every offset. */
    roundtrip("\"0123456789abcdefghij\"", "\"0123456789abcdefghij\"");
    roundtrip("\"01234567\\n89abcdefgh\\\"ij\"", "\"01234567\\n89abcdefgh\\\"ij\"");
    roundtrip("[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\", \"abcdefgh\"]", "[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\",\"abcdefgh\"]");
    invalid("\"0123456789\tabcdef\"");
    invalid("\"012345678901234567");
    invalid("1x");
    invalid("[1-2]");
    invalid("\"abc\\");
    invalid("{\"a\" 1}");
    invalid("");
    invalid("[1,]");
    invalid("{\"a\":1,}");
    invalid("01");
    invalid("1.");
    invalid(".5");
    invalid("+1");
    invalid("[1 2]");
    invalid("{1:2}");
    invalid("\"abc");
    invalid("\"a\tb\"");
    invalid("tru");
    invalid("nul");
    invalid("[1] x");
    invalid("{1,2}");
    invalid("\"\\x\"");

    /* Rego syntax: sets, set(), non-string keys, raw strings. */
    CHECK_STR(DR(R("{3, 1, 2}")), "{1,2,3}");
    CHECK_STR(D(R("{3, 1, 2}")), "[1,2,3]");
    CHECK_STR(DR(R("set()")), "set()");
    CHECK_STR(DR(R("{1: \"a\", [1]: 2}")), "{1:\"a\",[1]:2}");
    CHECK_STR(D(R("{1: \"a\", [1]: 2}")), "{\"1\":\"a\",\"[1]\":2}");
    CHECK_STR(D(R("`a\\b`")), "\"a\\\\b\"");
    CHECK_STR(D(R("[1, 2, ]")), "[1,2]");
    CHECK_STR(DR(R("{\"s\": {set(), {1}}}")), "{\"s\":{set(),{1}}}");

    /* Borrowing parse (opa_eval's input): plain strings point into the text, escaped ones are decoded copies,
     * Rego syntax is accepted and the result dumps as the copying parse does. */
    static const char text[] = "{\"k\": \"plain\", \"e\": \"a\\nb\", \"s\": {1}}";
    tg_value *b = tg_parse_borrowing(text, (int32_t)strlen(text));
    CHECK(b != 0);
    tg_string_t *plain = (tg_string_t *)tg_value_get_str(b, "k");
    CHECK(plain && plain->data >= text && plain->data < text + sizeof text);
    tg_string_t *esc = (tg_string_t *)tg_value_get_str(b, "e");
    CHECK(esc && esc->len == 3 && (esc->data < text || esc->data >= text + sizeof text));
    CHECK_STR(DR(b), DR(R(text)));
    CHECK(tg_parse_borrowing("{\"a\": ", 6) == 0);

    /* Depth cap: deep nesting fails cleanly instead of exhausting the stack. */
    static char deep[5000];
    for (int i = 0; i < 2000; i++)
        deep[i] = '[';
    for (int i = 0; i < 2000; i++)
        deep[2000 + i] = ']';
    deep[4000] = 0;
    CHECK(opa_json_parse(deep, 4000) == 0);
    CHECK(opa_json_parse(deep + 1700, 600) != 0);
}
