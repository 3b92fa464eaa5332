/* print() output format and Rego value dumps with spacing. */
#include "harness.h"

void tg_print_values(tg_value *args);
extern char tg_test_printed[];

void test_print(void)
{
    tg_print_values(R("[\"hello\", 1, [1, \"a\"], {\"a\": {1, 2}}, set(), \"<undefined>\", null]"));
    CHECK_STR(tg_test_printed, "hello 1 [1, \"a\"] {\"a\": {1, 2}} set() <undefined> null");
    tg_print_values(J("[]"));
    CHECK_STR(tg_test_printed, "");
}

tg_value *tg_builtin_internal_template_string(tg_value *);

void test_template_string(void)
{
    tg_value *s = tg_builtin_internal_template_string(
        R("[[], \", \", [42, 13.37, true, \"foo\", null], \", \", set(), \", \", {42}, \", \", {}, \", \", {\"a\": \"b\"}]"));
    CHECK_STR(D(s), "\"[], [42, 13.37, true, \\\"foo\\\", null], set(), {42}, {}, {\\\"a\\\": \\\"b\\\"}\"");
    CHECK_STR(D(tg_builtin_internal_template_string(J("[\"x=\", 1, \" <undefined>\"]"))), "\"x=1 \\u003cundefined\\u003e\"");
}
