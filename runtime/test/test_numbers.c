/* Exact number arithmetic, ordering and formatting. */
#include "harness.h"

static const char *op(tg_value *(*f)(tg_value *, tg_value *), const char *a, const char *b)
{
    tg_value *r = f(J(a), J(b));
    return r ? D(r) : "<undefined>";
}

void test_numbers(void)
{
    CHECK_STR(op(tg_number_add, "12345678901234567890", "1"), "12345678901234567891");
    CHECK_STR(op(tg_number_add, "18446744073709551617", "1"), "18446744073709551618");
    CHECK_STR(op(tg_number_sub, "18446744073709551617", "1"), "18446744073709551616");
    CHECK_STR(op(tg_number_mul, "18446744073709551617", "2"), "36893488147419103234");
    CHECK_STR(op(tg_number_add, "123456789012345678901234567890", "1"), "123456789012345678901234567891");
    CHECK_STR(op(tg_number_sub, "-18446744073709551617", "1"), "-18446744073709551618");
    CHECK_STR(op(tg_number_add, "9223372036854775807", "1"), "9223372036854775808");
    CHECK_STR(op(tg_number_sub, "-9223372036854775808", "1"), "-9223372036854775809");
    CHECK_STR(op(tg_number_mul, "4294967296", "4294967296"), "18446744073709551616");
    CHECK_STR(op(tg_number_mul, "-3037000500", "3037000500"), "-9223372037000250000");
    CHECK_STR(op(tg_number_add, "1.5", "2.5"), "4");
    CHECK_STR(op(tg_number_add, "1", "2.5"), "3.5");
    CHECK_STR(op(tg_number_mul, "2.5", "2"), "5");
    CHECK_STR(op(tg_number_add, "0.1", "0.2"), "0.3");
    CHECK_STR(op(tg_number_sub, "0.1", "0.3"), "-0.2");
    CHECK_STR(op(tg_number_div, "1", "4"), "0.25");
    CHECK_STR(op(tg_number_div, "10", "5"), "2");
    CHECK_STR(op(tg_number_div, "1", "3"), "0.33333333333333333333");
    CHECK_STR(op(tg_number_div, "2", "3"), "0.66666666666666666667");
    CHECK_STR(op(tg_number_div, "1", "0"), "<undefined>");
    CHECK_STR(op(tg_number_div, "1e400", "1e399"), "10");
    CHECK_STR(op(tg_number_rem, "7", "4"), "3");
    CHECK_STR(op(tg_number_rem, "-7", "4"), "-3");
    CHECK_STR(op(tg_number_rem, "7", "0"), "<undefined>");
    CHECK_STR(op(tg_number_rem, "7.5", "2"), "<undefined>");
    CHECK_STR(op(tg_number_rem, "100000000000000000000", "7"), "2");
    CHECK_STR(op(tg_number_mul, "1e400", "1"), "1e+400");
    CHECK_STR(op(tg_number_add, "0.00001", "0"), "1e-05");
    CHECK_STR(op(tg_number_add, "0.0001", "0"), "0.0001");
    CHECK_STR(op(tg_number_add, "123.456", "0"), "123.456");
    CHECK_STR(op(tg_number_add, "1e25", "0.5"), "1.00000000000000000000000005e+25");
    CHECK_STR(op(tg_number_mul, "1e20", "10"), "1000000000000000000000");

    /* Order and equality across representations. */
    CHECK(tg_value_compare(J("1e400"), J("1e399")) > 0);
    CHECK(tg_value_compare(J("-1e400"), J("1")) < 0);
    CHECK(tg_value_compare(J("1"), J("1.0")) == 0);
    CHECK(tg_value_equal(J("100"), J("1e2")));
    CHECK(tg_value_hash(J("100")) == tg_value_hash(J("1e2")));
    CHECK(tg_value_hash(J("1.5")) == tg_value_hash(J("15e-1")));
    CHECK(tg_value_compare(J("0.1"), J("0.10000000000000000001")) < 0);
    CHECK(tg_value_compare(J("12345678901234567890"), J("12345678901234567891")) < 0);
    CHECK(tg_value_compare(J("-2.5"), J("-2.4")) < 0);
    CHECK(tg_value_compare(J("0"), J("-0")) == 0);

    /* Rounding. */
    CHECK_STR(D(tg_number_round(J("1.5"), 2)), "2");
    CHECK_STR(D(tg_number_round(J("-1.5"), 2)), "-2");
    CHECK_STR(D(tg_number_round(J("1.49"), 2)), "1");
    CHECK_STR(D(tg_number_round(J("-1.001"), 0)), "-2");
    CHECK_STR(D(tg_number_round(J("99.99999"), 0)), "99");
    CHECK_STR(D(tg_number_round(J("1.01"), 1)), "2");
    CHECK_STR(D(tg_number_round(J("-0.001"), 1)), "0");
    CHECK_STR(D(tg_number_round(J("0.001"), 1)), "1");
    CHECK_STR(D(tg_number_round(J("1e-500"), 2)), "0");

    /* Shared small integers never pick up a literal's text. */
    tg_value *one_text = tg_number_ref("1.0", 3);
    CHECK_STR(D(one_text), "1.0");
    CHECK_STR(D(tg_number_int(1)), "1");
    CHECK_STR(D(J("[1.0, 1]")), "[1.0,1]");
    CHECK(tg_number_int(5) == tg_number_int(5));
    CHECK(tg_number_int(500) != tg_number_int(500));

    int64_t i = 0;
    CHECK(tg_number_to_i64(J("3.0"), &i) && i == 3);
    CHECK(!tg_number_to_i64(J("3.5"), &i));
    CHECK(tg_number_is_int(J("1e30")));
    CHECK(!tg_number_is_int(J("1.25")));
}
