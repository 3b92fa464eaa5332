/* net.cidr_contains, net.cidr_intersects, net.cidr_is_valid: IP allow-lists are common in
 * authorization policies, so these run natively instead of round-tripping through the host.
 * Address syntax follows Go's net.ParseIP / net.ParseCIDR (no zones, no leading zeros in IPv4). */
#include "builtin.h"

typedef struct {
    uint8_t b[16];
    int32_t len; /* 4 or 16 bytes */
} ip_addr;

static int32_t parse_ipv4(const char *s, int32_t n, uint8_t *out)
{
    int32_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part) {
            if (i >= n || s[i] != '.')
                return 0;
            i++;
        }
        int32_t start = i, v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == start || v > 255 || (i - start > 1 && s[start] == '0'))
            return 0;
        out[part] = (uint8_t)v;
    }
    return i == n;
}

static int32_t hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int32_t parse_ipv6(const char *s, int32_t n, uint8_t *out)
{
    uint8_t bytes[16] = {0};
    int32_t filled = 0, gap = -1, i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
        if (i == n) {
            memset(out, 0, 16);
            return 1;
        }
    }
    while (i < n && filled < 16) {
        /* An embedded IPv4 address ends the text and fills the last four bytes. */
        int32_t j = i;
        while (j < n && hex_digit(s[j]) >= 0)
            j++;
        if (j < n && s[j] == '.') {
            if (filled > 12 || !parse_ipv4(s + i, n - i, bytes + filled))
                return 0;
            filled += 4;
            i = n;
            break;
        }
        if (j == i || j - i > 4)
            return 0;
        int32_t v = 0;
        for (int32_t k = i; k < j; k++)
            v = v * 16 + hex_digit(s[k]);
        bytes[filled++] = (uint8_t)(v >> 8);
        bytes[filled++] = (uint8_t)v;
        i = j;
        if (i == n)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < n && s[i] == ':') {
            if (gap >= 0)
                return 0; /* at most one "::" */
            gap = filled;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0; /* trailing single colon */
        }
    }
    if (i != n)
        return 0;
    if (gap >= 0) {
        if (filled == 16)
            return 0;
        int32_t tail = filled - gap;
        memset(out, 0, 16);
        memcpy(out, bytes, (size_t)gap);
        memcpy(out + 16 - tail, bytes + gap, (size_t)tail);
        return 1;
    }
    if (filled != 16)
        return 0;
    memcpy(out, bytes, 16);
    return 1;
}

static int32_t parse_ip(const char *s, int32_t n, ip_addr *ip)
{
    for (int32_t i = 0; i < n; i++) {
        if (s[i] == ':') {
            ip->len = 16;
            return parse_ipv6(s, n, ip->b);
        }
    }
    ip->len = 4;
    return parse_ipv4(s, n, ip->b);
}

/* IPv4-mapped IPv6 addresses compare as IPv4, as Go's IPNet.Contains does. */
static void unmap_v4(ip_addr *ip)
{
    static const uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (ip->len == 16 && memcmp(ip->b, prefix, 12) == 0) {
        memmove(ip->b, ip->b + 12, 4);
        ip->len = 4;
    }
}

typedef struct {
    ip_addr net;
    int32_t prefix;
} cidr;

static int32_t parse_cidr(tg_value *v, cidr *c)
{
    const char *s = tg_str(v)->data;
    int32_t n = tg_str(v)->len;
    int32_t slash = -1;
    for (int32_t i = 0; i < n; i++) {
        if (s[i] == '/')
            slash = i;
    }
    if (slash < 0 || !parse_ip(s, slash, &c->net))
        return 0;
    int32_t p = 0, i = slash + 1;
    if (i == n || (n - i > 1 && s[i] == '0'))
        return 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || p > 128)
            return 0;
        p = p * 10 + (s[i] - '0');
    }
    if (p > c->net.len * 8)
        return 0;
    c->prefix = p;
    /* The network address: host bits cleared. */
    for (int32_t bit = p; bit < c->net.len * 8; bit++)
        c->net.b[bit / 8] &= (uint8_t) ~(0x80u >> (bit % 8));
    return 1;
}

static int32_t net_contains(const cidr *c, ip_addr ip)
{
    unmap_v4(&ip);
    ip_addr net = c->net;
    int32_t prefix = c->prefix;
    if (net.len == 16 && ip.len == 4) {
        return 0;
    }
    if (net.len != ip.len)
        return 0;
    for (int32_t bit = 0; bit < prefix; bit++) {
        uint8_t mask = (uint8_t)(0x80u >> (bit % 8));
        if ((net.b[bit / 8] & mask) != (ip.b[bit / 8] & mask))
            return 0;
    }
    return 1;
}

/* The last address of a network: all host bits set. */
static ip_addr last_address(const cidr *c)
{
    ip_addr last = c->net;
    for (int32_t bit = c->prefix; bit < last.len * 8; bit++)
        last.b[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
    return last;
}

static void invalid_cidr(const char *name, tg_value *v)
{
    tg_strbuf sb;
    tg_sb_init(&sb, 48);
    tg_sb_puts(&sb, "invalid CIDR address: ");
    tg_sb_put(&sb, tg_str(v)->data, tg_str(v)->len);
    tg_error_msg(name, tg_sb_cstr(&sb));
}

TG_BUILTIN("net.cidr_contains") tg_value *tg_builtin_net_cidr_contains(tg_value *a, tg_value *b)
{
    static const char name[] = "net.cidr_contains";
    if (!tg_check_type(name, 1, a, TG_STRING) || !tg_check_type(name, 2, b, TG_STRING))
        return 0;
    cidr net;
    if (!parse_cidr(a, &net)) {
        invalid_cidr(name, a);
        return 0;
    }
    ip_addr ip;
    if (parse_ip(tg_str(b)->data, tg_str(b)->len, &ip))
        return tg_boolean(net_contains(&net, ip));
    cidr inner;
    if (!parse_cidr(b, &inner)) {
        invalid_cidr(name, b);
        return 0;
    }
    /* A range is contained when both its first and last addresses are. */
    return tg_boolean(net_contains(&net, inner.net) && net_contains(&net, last_address(&inner)));
}

TG_BUILTIN("net.cidr_intersects") tg_value *tg_builtin_net_cidr_intersects(tg_value *a, tg_value *b)
{
    static const char name[] = "net.cidr_intersects";
    if (!tg_check_type(name, 1, a, TG_STRING) || !tg_check_type(name, 2, b, TG_STRING))
        return 0;
    cidr x, y;
    if (!parse_cidr(a, &x)) {
        invalid_cidr(name, a);
        return 0;
    }
    if (!parse_cidr(b, &y)) {
        invalid_cidr(name, b);
        return 0;
    }
    /* Two prefixes overlap exactly when one contains the other's network address. */
    return tg_boolean(net_contains(&x, y.net) || net_contains(&y, x.net));
}

TG_BUILTIN("net.cidr_is_valid") tg_value *tg_builtin_net_cidr_is_valid(tg_value *a)
{
    if (!tg_check_type("net.cidr_is_valid", 1, a, TG_STRING))
        return 0;
    cidr c;
    return tg_boolean(parse_cidr(a, &c));
}
