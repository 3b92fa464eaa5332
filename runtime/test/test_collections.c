/* object.subset/filter/union_n, union, intersection, strings.count/any_*_match/replace_n,
 * numbers.range_step. */
#include "harness.h"

tg_value *tg_builtin_object_subset(tg_value *, tg_value *);
tg_value *tg_builtin_object_filter(tg_value *, tg_value *);
tg_value *tg_builtin_object_union_n(tg_value *);
tg_value *tg_builtin_union(tg_value *);
tg_value *tg_builtin_intersection(tg_value *);
tg_value *tg_builtin_strings_count(tg_value *, tg_value *);
tg_value *tg_builtin_strings_any_prefix_match(tg_value *, tg_value *);
tg_value *tg_builtin_strings_any_suffix_match(tg_value *, tg_value *);
tg_value *tg_builtin_strings_replace_n(tg_value *, tg_value *);
tg_value *tg_builtin_numbers_range_step(tg_value *, tg_value *, tg_value *);
tg_value *tg_builtin_strings_split_n(tg_value *, tg_value *, tg_value *);
tg_value *tg_builtin_array_flatten(tg_value *);

static void expect_error(tg_value *result, const char *message)
{
    CHECK(result == 0);
    CHECK_STR(tg_builtin_error_message(), message);
    tg_builtin_error_clear();
}

void test_collections(void)
{
    CHECK_STR(D(tg_builtin_object_subset(J("{\"a\":1,\"b\":{\"c\":[1,2,3],\"d\":2}}"), J("{\"b\":{\"c\":[2,3]}}"))), "true");
    CHECK_STR(D(tg_builtin_object_subset(J("{\"a\":1}"), J("{\"a\":2}"))), "false");
    CHECK_STR(D(tg_builtin_object_subset(J("{\"a\":1}"), J("{}"))), "true");
    CHECK_STR(D(tg_builtin_object_subset(R("{1,2,3}"), R("{1,3}"))), "true");
    CHECK_STR(D(tg_builtin_object_subset(J("[1,2,3,4]"), J("[2,4]"))), "false");
    CHECK_STR(D(tg_builtin_object_subset(J("[1,2,3,4]"), J("[2,3]"))), "true");
    CHECK_STR(D(tg_builtin_object_subset(J("[1,2,3]"), R("{3,1}"))), "true");
    CHECK_STR(D(tg_builtin_object_subset(J("{\"s\":[1,2]}"), R("{\"s\":{1}}"))), "false");
    expect_error(tg_builtin_object_subset(J("{}"), J("[]")),
                 "object.subset: both arguments object.subset must be of the same type or array and set");

    CHECK_STR(D(tg_builtin_object_filter(J("{\"a\":1,\"b\":2,\"c\":3}"), J("[\"a\",\"c\",\"z\"]"))), "{\"a\":1,\"c\":3}");
    CHECK_STR(D(tg_builtin_object_filter(R("{1:\"x\",2:\"y\"}"), R("{2}"))), "{\"2\":\"y\"}");
    expect_error(tg_builtin_object_filter(J("null"), J("[]")), "object.filter: operand 1 must be object but got null");
    expect_error(tg_builtin_object_filter(J("{}"), J("\"a\"")),
                 "object.filter: operand 2 must be one of {object, set, array} but got string");

    CHECK_STR(D(tg_builtin_object_union_n(J("[{\"a\":{\"b\":1}},{\"a\":{\"c\":2}},{\"d\":3}]"))),
              "{\"a\":{\"b\":1,\"c\":2},\"d\":3}");
    CHECK_STR(D(tg_builtin_object_union_n(J("[]"))), "{}");

    CHECK_STR(DR(tg_builtin_union(R("{{1,2},{2,3},set()}"))), "{1,2,3}");
    CHECK_STR(DR(tg_builtin_intersection(R("{{1,2,3},{2,3,4},{3,2}}"))), "{2,3}");
    CHECK_STR(DR(tg_builtin_intersection(R("set()"))), "set()");
    expect_error(tg_builtin_union(R("{1}")), "union: operand 1 must be set of sets but got set containing number");

    CHECK_STR(D(tg_builtin_strings_count(J("\"cheese\""), J("\"e\""))), "3");
    CHECK_STR(D(tg_builtin_strings_count(J("\"aaaa\""), J("\"aa\""))), "2");
    CHECK_STR(D(tg_builtin_strings_count(J("\"five\""), J("\"\""))), "5");
    CHECK_STR(D(tg_builtin_strings_any_prefix_match(J("[\"a/b\",\"c/d\"]"), J("\"c/\""))), "true");
    CHECK_STR(D(tg_builtin_strings_any_prefix_match(J("\"a/b\""), R("{\"x\",\"y\"}"))), "false");
    CHECK_STR(D(tg_builtin_strings_any_suffix_match(J("\"file.rego\""), J("[\".json\",\".rego\"]"))), "true");
    expect_error(tg_builtin_strings_any_prefix_match(J("1"), J("\"a\"")),
                 "strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number");
    expect_error(tg_builtin_strings_any_suffix_match(J("\"a\""), J("[1]")),
                 "strings.any_suffix_match: operand 2 must be array of strings but got array containing number");
    CHECK_STR(D(tg_builtin_strings_replace_n(J("{\"f\":\"x\",\"foo\":\"xxx\"}"), J("\"foobar\""))), "\"xoobar\"");
    CHECK_STR(D(tg_builtin_strings_replace_n(J("{\"<\":\"&lt;\",\">\":\"&gt;\"}"), J("\"<b>x</b>\""))),
              "\"\\u0026lt;b\\u0026gt;x\\u0026lt;/b\\u0026gt;\"");

    CHECK_STR(D(tg_builtin_strings_split_n(J("\"a.b.c.d\""), J("\".\""), J("2"))), "[\"a\",\"b\"]");
    CHECK_STR(D(tg_builtin_strings_split_n(J("\"a.b.c.d\""), J("\".\""), J("-1"))), "[\"d\"]");
    CHECK_STR(D(tg_builtin_strings_split_n(J("\"a.b.c.d\""), J("\".\""), J("0"))), "[]");
    CHECK_STR(D(tg_builtin_strings_split_n(J("\"a.b.c.d\""), J("\".\""), J("-10"))), "[\"a\",\"b\",\"c\",\"d\"]");
    CHECK_STR(D(tg_builtin_strings_split_n(J("\"abc\""), J("\"\""), J("-2"))), "[\"b\",\"c\"]");
    expect_error(tg_builtin_strings_split_n(J("\"a\""), J("\".\""), J("1.5")),
                 "strings.split_n: operand 3 must be integer number but got floating-point number");
    CHECK_STR(D(tg_builtin_array_flatten(J("[[1,2],\"s\",[3,{\"a\":\"b\"}],4.5,[6,[7,8]]]"))),
              "[1,2,\"s\",3,{\"a\":\"b\"},4.5,6,[7,8]]");
    expect_error(tg_builtin_array_flatten(J("42")), "array.flatten: operand 1 must be array but got number");

    CHECK_STR(D(tg_builtin_numbers_range_step(J("0"), J("10"), J("3"))), "[0,3,6,9]");
    CHECK_STR(D(tg_builtin_numbers_range_step(J("10"), J("0"), J("5"))), "[10,5,0]");
    expect_error(tg_builtin_numbers_range_step(J("0"), J("10"), J("0")),
                 "numbers.range_step: step must be a positive number above zero");
}
