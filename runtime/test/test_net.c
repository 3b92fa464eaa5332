/* net.cidr_contains / cidr_intersects / cidr_is_valid (cases from OPA's suite and Go's parser rules). */
#include "harness.h"

tg_value *tg_builtin_net_cidr_contains(tg_value *, tg_value *);
tg_value *tg_builtin_net_cidr_intersects(tg_value *, tg_value *);
tg_value *tg_builtin_net_cidr_is_valid(tg_value *);

static const char *contains(const char *a, const char *b)
{
    tg_value *r = tg_builtin_net_cidr_contains(tg_string(a, (int32_t)strlen(a)), tg_string(b, (int32_t)strlen(b)));
    return D(r);
}

static const char *intersects(const char *a, const char *b)
{
    tg_value *r = tg_builtin_net_cidr_intersects(tg_string(a, (int32_t)strlen(a)), tg_string(b, (int32_t)strlen(b)));
    return D(r);
}

static const char *valid(const char *a) { return D(tg_builtin_net_cidr_is_valid(tg_string(a, (int32_t)strlen(a)))); }

void test_net(void)
{
    CHECK_STR(contains("10.0.0.0/8", "10.1.0.0/24"), "true");
    CHECK_STR(contains("10.0.0.0/8", "192.168.1.0/24"), "false");
    CHECK_STR(contains("10.0.0.0/8", "10.1.1.1/32"), "true");
    CHECK_STR(contains("10.0.0.0/8", "10.1.2.3"), "true");
    CHECK_STR(contains("10.0.0.0/8", "192.168.1.1"), "false");
    CHECK_STR(contains("10.0.0.0/8", "0.0.0.0/0"), "false");
    CHECK_STR(contains("10.0.0.0/8", "::ffff:10.2.3.4"), "true");
    CHECK_STR(contains("2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40"), "true");
    CHECK_STR(contains("2001:4860:4860::8888/32", "2001:4860:4860:1234:5678:1234:5678:8888/128"), "true");
    CHECK_STR(contains("2001:4860::/32", "fd1e:5bfe:8af3:9ddc::/64"), "false");
    CHECK_STR(contains("::/0", "10.0.0.1"), "false");
    CHECK_STR(contains("192.168.0.0/16", "192.168.255.255"), "true");
    CHECK(tg_builtin_net_cidr_contains(J("\"not-a-cidr\""), J("\"192.168.1.67\"")) == 0);
    CHECK_STR(tg_builtin_error_message(), "net.cidr_contains: invalid CIDR address: not-a-cidr");
    CHECK_STR(tg_builtin_error_code(), "eval_builtin_error");
    tg_builtin_error_clear();

    CHECK_STR(intersects("192.168.1.0/24", "192.168.2.0/24"), "false");
    CHECK_STR(intersects("192.168.0.0/16", "192.168.2.0/24"), "true");
    CHECK_STR(intersects("fd1e:5bfe:8af3:9ddc::/64", "2001:4860:4860::8888/32"), "false");
    CHECK(tg_builtin_net_cidr_intersects(J("\"not-a-cidr\""), J("\"192.168.1.0/24\"")) == 0);
    tg_builtin_error_clear();

    CHECK_STR(valid("192.168.1.0/24"), "true");
    CHECK_STR(valid(""), "false");
    CHECK_STR(valid("there goes a string"), "false");
    CHECK_STR(valid("192.168.1.2"), "false");
    CHECK_STR(valid("2002::1234:abcd:ffff:c0a8:101/64"), "true");
    CHECK_STR(valid("::/0"), "true");
    CHECK_STR(valid("::1/128"), "true");
    CHECK_STR(valid("1::/16"), "true");
    CHECK_STR(valid("::ffff:1.2.3.4/128"), "true");
    CHECK_STR(valid("10.0.0.0/33"), "false");
    CHECK_STR(valid("10.0.0.0/08"), "false");
    CHECK_STR(valid("010.0.0.0/8"), "false");
    CHECK_STR(valid("256.0.0.0/8"), "false");
    CHECK_STR(valid("1:2:3:4:5:6:7:8:9/64"), "false");
    CHECK_STR(valid("1::2::3/64"), "false");
    CHECK_STR(valid("1:2:3:4:5:6:7:8/64"), "true");
    CHECK_STR(valid("1:2:3:4:5:6:7::/64"), "true");
    CHECK_STR(valid(":1::/64"), "false");
    CHECK_STR(valid("1:/64"), "false");
    CHECK_STR(valid("12345::/64"), "false");
}
