/* Aggregates, types, strings, objects/arrays, numbers, bits and encodings. */
#include "harness.h"

#define B1(name) tg_value *tg_builtin_##name(tg_value *);
#define B2(name) tg_value *tg_builtin_##name(tg_value *, tg_value *);
#define B3(name) tg_value *tg_builtin_##name(tg_value *, tg_value *, tg_value *);
B1(count) B1(sum) B1(product) B1(max) B1(min) B1(sort) B1(all) B1(any) B1(type_name) B1(is_number) B1(is_set)
B2(concat) B2(contains) B2(startswith) B2(endswith) B1(lower) B1(upper) B2(trim) B2(trim_left) B2(trim_right)
B1(trim_space) B2(trim_prefix) B2(trim_suffix) B2(split) B3(replace) B3(substring) B2(indexof)
B1(strings_reverse) B2(format_int) B1(to_number) B3(object_get) B1(object_keys) B2(object_remove)
B2(object_union) B2(array_concat) B3(array_slice) B1(array_reverse) B2(numbers_range) B2(bits_or)
B2(bits_and) B2(bits_xor) B1(bits_negate) B2(bits_lsh) B2(bits_rsh) B1(json_marshal) B1(json_unmarshal)
B1(json_is_valid) B1(base64_encode) B1(base64_decode) B1(base64_is_valid) B1(base64url_encode)
B1(base64url_encode_no_pad) B1(base64url_decode) B1(hex_encode) B1(hex_decode)

static void expect_error(tg_value *result, const char *message)
{
    CHECK(result == 0);
    CHECK_STR(tg_builtin_error_message(), message);
    tg_builtin_error_clear();
}

static void aggregates(void)
{
    CHECK_STR(D(tg_builtin_count(J("\"h\xc3\xa9llo\""))), "5");
    CHECK_STR(D(tg_builtin_count(R("{1,2}"))), "2");
    CHECK_STR(D(tg_builtin_count(J("{\"a\":1}"))), "1");
    expect_error(tg_builtin_count(J("1")), "count: operand 1 must be one of {array, object, set, string} but got number");
    CHECK_STR(D(tg_builtin_sum(J("[1, 2.5, 18446744073709551616]"))), "18446744073709551619.5");
    CHECK_STR(D(tg_builtin_product(R("{2, 3, 4}"))), "24");
    expect_error(tg_builtin_sum(J("[1, \"a\"]")), "sum: operand 1 must be array of numbers but got array containing string");
    CHECK_STR(D(tg_builtin_max(J("[1, \"a\", null]"))), "\"a\"");
    CHECK_STR(D(tg_builtin_min(R("{3, 1, 2}"))), "1");
    CHECK(tg_builtin_max(J("[]")) == 0);
    CHECK_STR(D(tg_builtin_sort(J("[3, \"b\", 1, null, [0], \"a\"]"))), "[null,1,3,\"a\",\"b\",[0]]");
    CHECK_STR(D(tg_builtin_sort(R("{3, 1}"))), "[1,3]");
    CHECK_STR(D(tg_builtin_all(J("[true, true]"))), "true");
    CHECK_STR(D(tg_builtin_all(J("[true, 1]"))), "false");
    CHECK_STR(D(tg_builtin_any(R("{false, true}"))), "true");
    CHECK_STR(D(tg_builtin_any(J("[]"))), "false");
    CHECK_STR(D(tg_builtin_type_name(R("set()"))), "\"set\"");
    CHECK_STR(D(tg_builtin_is_number(J("\"1\""))), "false");
    CHECK_STR(D(tg_builtin_is_set(R("{1}"))), "true");
}

static void strings(void)
{
    CHECK_STR(D(tg_builtin_concat(J("\", \""), J("[\"a\",\"b\",\"c\"]"))), "\"a, b, c\"");
    CHECK_STR(D(tg_builtin_concat(J("\"-\""), R("{\"b\",\"a\"}"))), "\"a-b\"");
    expect_error(tg_builtin_concat(J("\"-\""), J("[1]")), "concat: operand 2 must be array of strings but got array containing number");
    CHECK_STR(D(tg_builtin_contains(J("\"abc\""), J("\"bc\""))), "true");
    CHECK_STR(D(tg_builtin_contains(J("\"abc\""), J("\"\""))), "true");
    CHECK_STR(D(tg_builtin_startswith(J("\"abc\""), J("\"ab\""))), "true");
    CHECK_STR(D(tg_builtin_endswith(J("\"abc\""), J("\"ab\""))), "false");
    CHECK_STR(D(tg_builtin_lower(J("\"AbC \xc3\x84\xce\xa3\""))), "\"abc \xc3\xa4\xcf\x83\"");
    CHECK_STR(D(tg_builtin_upper(J("\"abc \xc3\xa4\xd0\xb6\""))), "\"ABC \xc3\x84\xd0\x96\"");
    CHECK_STR(D(tg_builtin_trim(J("\"xxhixx\""), J("\"x\""))), "\"hi\"");
    CHECK_STR(D(tg_builtin_trim_left(J("\"xyhix\""), J("\"yx\""))), "\"hix\"");
    CHECK_STR(D(tg_builtin_trim_right(J("\"\xc3\xa5hi\xc3\xa5\xc3\xa5\""), J("\"\xc3\xa5\""))), "\"\xc3\xa5hi\"");
    CHECK_STR(D(tg_builtin_trim_space(J("\" \\t hi \\n\""))), "\"hi\"");
    CHECK_STR(D(tg_builtin_trim_prefix(J("\"prefix-x\""), J("\"prefix-\""))), "\"x\"");
    CHECK_STR(D(tg_builtin_trim_suffix(J("\"x.rego\""), J("\".json\""))), "\"x.rego\"");
    CHECK_STR(D(tg_builtin_split(J("\"a,b,,c\""), J("\",\""))), "[\"a\",\"b\",\"\",\"c\"]");
    CHECK_STR(D(tg_builtin_split(J("\"\""), J("\",\""))), "[\"\"]");
    CHECK_STR(D(tg_builtin_split(J("\"a\xc3\xa9\""), J("\"\""))), "[\"a\",\"\xc3\xa9\"]");
    CHECK_STR(D(tg_builtin_replace(J("\"aaa\""), J("\"a\""), J("\"bb\""))), "\"bbbbbb\"");
    CHECK_STR(D(tg_builtin_replace(J("\"ab\""), J("\"\""), J("\"-\""))), "\"-a-b-\"");
    CHECK_STR(D(tg_builtin_substring(J("\"\xc3\xa5\xc3\xa4\xc3\xb6" "abc\""), J("1"), J("3"))), "\"\xc3\xa4\xc3\xb6" "a\"");
    CHECK_STR(D(tg_builtin_substring(J("\"abc\""), J("1"), J("-1"))), "\"bc\"");
    CHECK_STR(D(tg_builtin_substring(J("\"abc\""), J("5"), J("2"))), "\"\"");
    expect_error(tg_builtin_substring(J("\"abc\""), J("-1"), J("-1")), "substring: negative offset");
    expect_error(tg_builtin_substring(J("\"abc\""), J("1.5"), J("1")),
                 "substring: operand 2 must be integer number but got floating-point number");
    CHECK_STR(D(tg_builtin_indexof(J("\"\xc3\xa5\xc3\xa4x\""), J("\"x\""))), "2");
    CHECK_STR(D(tg_builtin_indexof(J("\"abc\""), J("\"z\""))), "-1");
    CHECK_STR(D(tg_builtin_strings_reverse(J("\"a\xc3\xa5" "b\""))), "\"b\xc3\xa5" "a\"");
    CHECK_STR(D(tg_builtin_format_int(J("255"), J("16"))), "\"ff\"");
    CHECK_STR(D(tg_builtin_format_int(J("-10.9"), J("2"))), "\"-1010\"");
    CHECK_STR(D(tg_builtin_format_int(J("12345678901234567890123"), J("10"))), "\"12345678901234567890123\"");
    CHECK_STR(D(tg_builtin_format_int(J("18446744073709551617"), J("16"))), "\"10000000000000001\"");
    CHECK_STR(D(tg_builtin_format_int(J("18446744073709551617"), J("8"))), "\"2000000000000000000001\"");
    CHECK_STR(D(tg_builtin_format_int(J("18446744073709551617"), J("2"))),
              "\"10000000000000000000000000000000000000000000000000000000000000001\"");
    CHECK_STR(D(tg_builtin_format_int(J("-18446744073709551617"), J("16"))), "\"-10000000000000001\"");
    CHECK_STR(D(tg_builtin_format_int(J("15.9"), J("16"))), "\"f\"");
    CHECK_STR(D(tg_builtin_format_int(J("-15.9"), J("16"))), "\"-f\"");
    CHECK_STR(D(tg_builtin_format_int(J("0.5"), J("2"))), "\"0\"");
    CHECK_STR(D(tg_builtin_format_int(J("1e30"), J("16"))), "\"c9f2c9cd04674edea40000000\"");
    expect_error(tg_builtin_format_int(J("1"), J("3")), "format_int: operand 2 must be one of {2, 8, 10, 16}");
    CHECK_STR(D(tg_builtin_to_number(J("\"-1.5e3\""))), "-1500");
    CHECK_STR(D(tg_builtin_to_number(J("true"))), "1");
    CHECK_STR(D(tg_builtin_to_number(J("null"))), "0");
    expect_error(tg_builtin_to_number(J("\"1x\"")), "to_number: invalid syntax");
}

static void objects(void)
{
    tg_value *o = J("{\"a\":{\"b\":[10,20]},\"c\":1}");
    CHECK_STR(D(tg_builtin_object_get(o, J("\"c\""), J("0"))), "1");
    CHECK_STR(D(tg_builtin_object_get(o, J("\"x\""), J("0"))), "0");
    CHECK_STR(D(tg_builtin_object_get(o, J("[\"a\",\"b\",1]"), J("0"))), "20");
    CHECK_STR(D(tg_builtin_object_get(o, J("[\"a\",\"z\"]"), J("0"))), "0");
    CHECK_STR(D(tg_builtin_object_get(o, J("[]"), J("0"))), D(o));
    expect_error(tg_builtin_object_get(J("\"s\""), J("\"c\""), J("0")), "object.get: operand 1 must be object but got string");
    CHECK_STR(DR(tg_builtin_object_keys(o)), "{\"a\",\"c\"}");
    CHECK_STR(D(tg_builtin_object_remove(o, J("[\"a\"]"))), "{\"c\":1}");
    CHECK_STR(D(tg_builtin_object_remove(o, J("{\"c\":0}"))), "{\"a\":{\"b\":[10,20]}}");
    expect_error(tg_builtin_object_remove(o, J("1")), "object.remove: operand 2 must be one of {object, set, array} but got number");
    CHECK_STR(D(tg_builtin_object_union(J("{\"a\":{\"x\":1},\"b\":2}"), J("{\"a\":{\"y\":2},\"b\":3}"))),
              "{\"a\":{\"x\":1,\"y\":2},\"b\":3}");
    expect_error(tg_builtin_object_union(J("[]"), J("{}")), "object.union: operand 1 must be object but got array");
    CHECK_STR(D(tg_builtin_array_concat(J("[1]"), J("[2,3]"))), "[1,2,3]");
    expect_error(tg_builtin_array_concat(J("{}"), J("[]")), "array.concat: operand 1 must be array but got object");
    CHECK_STR(D(tg_builtin_array_slice(J("[1,2,3,4]"), J("1"), J("3"))), "[2,3]");
    CHECK_STR(D(tg_builtin_array_slice(J("[1,2,3,4]"), J("-5"), J("10"))), "[1,2,3,4]");
    CHECK_STR(D(tg_builtin_array_slice(J("[1,2,3,4]"), J("3"), J("1"))), "[]");
    CHECK_STR(D(tg_builtin_array_reverse(J("[1,2,3]"))), "[3,2,1]");
    expect_error(tg_builtin_array_reverse(J("{}")), "array.reverse: operand 1 must be array but got object");
}

static void numbers_bits_encodings(void)
{
    CHECK_STR(D(tg_builtin_numbers_range(J("1"), J("4"))), "[1,2,3,4]");
    CHECK_STR(D(tg_builtin_numbers_range(J("2"), J("-1"))), "[2,1,0,-1]");
    expect_error(tg_builtin_numbers_range(J("1.5"), J("2")),
                 "numbers.range: operand 1 must be integer number but got floating-point number");
    CHECK_STR(D(tg_builtin_bits_or(J("12"), J("3"))), "15");
    CHECK_STR(D(tg_builtin_bits_and(J("12"), J("4"))), "4");
    CHECK_STR(D(tg_builtin_bits_xor(J("12"), J("4"))), "8");
    CHECK_STR(D(tg_builtin_bits_negate(J("0"))), "-1");
    CHECK_STR(D(tg_builtin_bits_lsh(J("1"), J("70"))), "1180591620717411303424");
    CHECK_STR(D(tg_builtin_bits_rsh(J("-9"), J("1"))), "-5");
    expect_error(tg_builtin_bits_rsh(J("1"), J("-1")),
                 "bits.rsh: operand 2 must be an unsigned integer number but got a negative integer");
    expect_error(tg_builtin_bits_or(J("1.5"), J("1")), "bits.or: operand 1 must be integer number but got floating-point number");

    CHECK_STR(D(tg_builtin_json_marshal(R("{\"a\": {1, 2}, \"b\": \"<x>\"}"))),
              "\"{\\\"a\\\":[1,2],\\\"b\\\":\\\"\\\\u003cx\\\\u003e\\\"}\"");
    CHECK_STR(D(tg_builtin_json_unmarshal(J("\"{\\\"a\\\": [1, true]}\""))), "{\"a\":[1,true]}");
    CHECK(tg_builtin_json_unmarshal(J("\"{bad\"")) == 0);
    tg_builtin_error_clear();
    CHECK_STR(D(tg_builtin_json_is_valid(J("\"[1]\""))), "true");
    CHECK_STR(D(tg_builtin_json_is_valid(J("\"[1\""))), "false");
    CHECK_STR(D(tg_builtin_base64_encode(J("\"hello\""))), "\"aGVsbG8=\"");
    CHECK_STR(D(tg_builtin_base64_decode(J("\"aGVsbG8=\""))), "\"hello\"");
    CHECK_STR(D(tg_builtin_base64_decode(J("\"\""))), "\"\"");
    expect_error(tg_builtin_base64_decode(J("\"aGVsbG8\"")), "base64.decode: illegal base64 data");
    CHECK_STR(D(tg_builtin_base64_is_valid(J("\"aGk=\""))), "true");
    CHECK_STR(D(tg_builtin_base64_is_valid(J("\"aGk\""))), "false");
    CHECK_STR(D(tg_builtin_base64url_encode(J("\"\\u00ff\\u00fe?\""))), "\"w7_Dvj8=\"");
    CHECK_STR(D(tg_builtin_base64url_encode_no_pad(J("\"hi\""))), "\"aGk\"");
    CHECK_STR(D(tg_builtin_base64url_decode(J("\"aGk\""))), "\"hi\"");
    CHECK_STR(D(tg_builtin_base64url_decode(J("\"aGk=\""))), "\"hi\"");
    CHECK_STR(D(tg_builtin_hex_encode(J("\"hi\""))), "\"6869\"");
    CHECK_STR(D(tg_builtin_hex_decode(J("\"6869\""))), "\"hi\"");
    expect_error(tg_builtin_hex_decode(J("\"6g\"")), "hex.decode: encoding/hex: invalid byte: U+0067 'g'");
}

void test_builtins(void)
{
    aggregates();
    strings();
    objects();
    numbers_bits_encodings();
}
