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
