/* Objects, sets, arrays: lookup, OPA's order, merge and copy-on-write paths. */
#include "harness.h"

void test_values(void)
{
    /* Total order across types. */
    const char *ordered[] = {"null", "false", "true", "-1", "0", "2.5", "\"\"", "\"a\"", "\"b\"", "[]", "[1]",
                             "[1,2]", "[2]", "{}", "{\"a\":1}", "{\"a\":2}", "{\"b\":0}"};
    int n = (int)(sizeof(ordered) / sizeof(ordered[0]));
    for (int x = 0; x < n; x++) {
        for (int y = 0; y < n; y++) {
            int c = tg_value_compare(J(ordered[x]), J(ordered[y]));
            CHECK((x < y && c < 0) || (x == y && c == 0) || (x > y && c > 0));
        }
    }
    CHECK(tg_value_compare(J("{\"z\":1}"), R("set()")) < 0);
    CHECK(tg_value_compare(R("{1,2}"), R("{1,3}")) < 0);
    CHECK(tg_value_compare(R("{1,2}"), R("{1}")) > 0);

    /* Large objects: hash lookup and sorted iteration. */
    tg_value *obj = tg_object();
    for (int k = 999; k >= 0; k--) {
        char key[16];
        int len = snprintf(key, sizeof key, "k%04d", k);
        tg_object_insert(obj, tg_string_copy(key, len), tg_number_int(k));
    }
    CHECK(tg_value_length(obj) == 1000);
    CHECK_STR(D(tg_value_get(obj, J("\"k0500\""))), "500");
    CHECK(tg_value_get(obj, J("\"k2000\"")) == 0);
    CHECK_STR(D(tg_iter_key(obj, 0)), "\"k0000\"");
    CHECK_STR(D(tg_iter_value(obj, 999)), "999");
    int sorted = 1;
    for (int k = 1; k < 1000; k++)
        sorted &= tg_value_compare(tg_iter_key(obj, k - 1), tg_iter_key(obj, k)) < 0;
    CHECK(sorted);

    /* Equal keys of different number spellings are the same key. */
    tg_value *o2 = tg_object();
    tg_object_insert(o2, J("1"), J("\"a\""));
    tg_object_insert(o2, J("1.0"), J("\"b\""));
    CHECK(tg_value_length(o2) == 1);
    CHECK(tg_object_insert_unique(o2, J("1"), J("\"b\"")) == 0);
    CHECK(tg_object_insert_unique(o2, J("1"), J("\"c\"")) == 1);

    /* Sets: dedupe, membership, order; object equality ignores insertion order. */
    tg_value *s = R("{3, 1, 2, 1, [1], {\"a\": 1}}");
    CHECK(tg_value_length(s) == 5);
    CHECK_STR(D(s), "[1,2,3,[1],{\"a\":1}]");
    CHECK(tg_value_get(s, J("[1]")) != 0);
    CHECK(tg_value_equal(J("{\"a\":1,\"b\":2}"), J("{\"b\":2,\"a\":1}")));
    CHECK(!tg_value_equal(J("{\"a\":1,\"b\":2}"), J("{\"b\":2,\"a\":2}")));
    CHECK(tg_value_hash(J("{\"a\":1,\"b\":2}")) == tg_value_hash(J("{\"b\":2,\"a\":1}")));

    /* Arrays: index lookup needs an integral number in range. */
    tg_value *a = J("[10, 20, 30]");
    CHECK_STR(D(tg_value_get(a, J("1"))), "20");
    CHECK_STR(D(tg_value_get(a, J("1.0"))), "20");
    CHECK(tg_value_get(a, J("1.5")) == 0);
    CHECK(tg_value_get(a, J("3")) == 0);
    CHECK(tg_value_get(a, J("-1")) == 0);
    CHECK(tg_value_get(a, J("\"1\"")) == 0);
    CHECK_STR(D(tg_iter_key(a, 2)), "2");

    /* Merge (b wins on scalars) and upsert (copy on write). */
    tg_value *m = tg_value_merge(J("{\"a\":{\"x\":1,\"y\":2},\"b\":1}"), J("{\"a\":{\"y\":3,\"z\":4},\"c\":5}"));
    CHECK_STR(D(m), "{\"a\":{\"x\":1,\"y\":3,\"z\":4},\"b\":1,\"c\":5}");
    tg_value *base = J("{\"a\":{\"b\":1,\"c\":2}}");
    tg_value *up = tg_value_upsert_path(base, J("[\"a\",\"b\"]"), J("9"));
    CHECK_STR(D(up), "{\"a\":{\"b\":9,\"c\":2}}");
    CHECK_STR(D(base), "{\"a\":{\"b\":1,\"c\":2}}");
    CHECK_STR(D(tg_value_upsert_path(J("{}"), J("[\"x\",\"y\"]"), J("true"))), "{\"x\":{\"y\":true}}");

    CHECK(tg_value_is_false(J("false")));
    CHECK(!tg_value_is_false(J("true")));
    CHECK(!tg_value_is_false(J("0")));
    CHECK(tg_value_type(J("{}")) == TG_OBJECT);
    CHECK(tg_value_type(R("set()")) == TG_SET);
}
