/* Operator builtins and their error messages. */
#include "harness.h"

tg_value *tg_builtin_plus(tg_value *, tg_value *);
tg_value *tg_builtin_minus(tg_value *, tg_value *);
tg_value *tg_builtin_div(tg_value *, tg_value *);
tg_value *tg_builtin_rem(tg_value *, tg_value *);
tg_value *tg_builtin_and(tg_value *, tg_value *);
tg_value *tg_builtin_or(tg_value *, tg_value *);
tg_value *tg_builtin_lt(tg_value *, tg_value *);
tg_value *tg_builtin_abs(tg_value *);
tg_value *tg_builtin_member_2(tg_value *, tg_value *);
tg_value *tg_builtin_member_3(tg_value *, tg_value *, tg_value *);

static void expect_error(tg_value *result, const char *message)
{
    CHECK(result == 0);
    CHECK(tg_builtin_error_pending());
    CHECK_STR(tg_builtin_error_message(), message);
    tg_builtin_error_clear();
}

void test_operators(void)
{
    CHECK_STR(D(tg_builtin_plus(J("1"), J("2"))), "3");
    expect_error(tg_builtin_plus(J("1"), J("\"a\"")), "plus: operand 2 must be number but got string");
    CHECK(strcmp(tg_builtin_error_code(), "") == 0);
    tg_builtin_plus(J("null"), J("1"));
    CHECK_STR(tg_builtin_error_code(), "eval_type_error");
    tg_builtin_error_clear();
    expect_error(tg_builtin_div(J("1"), J("0")), "div: divide by zero");
    expect_error(tg_builtin_rem(J("1"), J("0")), "rem: modulo by zero");
    expect_error(tg_builtin_rem(J("1.5"), J("2")), "rem: modulo on floating-point number");
    CHECK_STR(DR(tg_builtin_minus(R("{1,2,3}"), R("{2}"))), "{1,3}");
    expect_error(tg_builtin_minus(J("1"), R("{2}")), "minus: operand 2 must be number but got set");
    expect_error(tg_builtin_minus(R("{1}"), J("2")), "minus: operand 2 must be set but got number");
    expect_error(tg_builtin_minus(J("\"a\""), J("2")), "minus: operand 1 must be one of {number, set} but got string");
    CHECK_STR(DR(tg_builtin_and(R("{1,2,3}"), R("{2,3,4}"))), "{2,3}");
    CHECK_STR(DR(tg_builtin_or(R("{1,2}"), R("{2,3}"))), "{1,2,3}");
    CHECK_STR(D(tg_builtin_lt(J("1"), J("\"a\""))), "true");
    CHECK_STR(D(tg_builtin_abs(J("-12345678901234567890"))), "12345678901234567890");
    CHECK_STR(D(tg_builtin_member_2(J("2"), J("[1,2]"))), "true");
    CHECK_STR(D(tg_builtin_member_2(J("2"), J("{\"a\":2}"))), "true");
    CHECK_STR(D(tg_builtin_member_2(J("\"a\""), J("{\"a\":2}"))), "false");
    CHECK_STR(D(tg_builtin_member_2(J("1"), J("\"1\""))), "false");
    CHECK_STR(D(tg_builtin_member_3(J("\"a\""), J("2"), J("{\"a\":2}"))), "true");
    CHECK_STR(D(tg_builtin_member_3(J("1"), J("2"), J("[1,2]"))), "true");
    CHECK_STR(D(tg_builtin_member_3(J("0"), J("2"), J("[1,2]"))), "false");
}
