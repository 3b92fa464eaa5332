/* String builtins. Positions and lengths count Unicode code points, as OPA's do. */
#include "builtin.h"

#define S(v) tg_str(v)

static int32_t strings2(const char *name, tg_value *a, tg_value *b)
{
    return tg_check_type(name, 1, a, TG_STRING) && tg_check_type(name, 2, b, TG_STRING);
}

/* Byte offset of the first occurrence of needle in hay, or -1. */
static int32_t find(const char *hay, int32_t hn, const char *needle, int32_t nn, int32_t from)
{
    if (nn == 0)
        return from <= hn ? from : -1;
    for (int32_t i = from; i + nn <= hn; i++) {
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)nn) == 0)
            return i;
    }
    return -1;
}

TG_BUILTIN("concat") tg_value *tg_builtin_concat(tg_value *delim, tg_value *coll)
{
    if (!tg_check_type("concat", 1, delim, TG_STRING))
        return 0;
    if (!coll || (coll->type != TG_ARRAY && coll->type != TG_SET)) {
        tg_error_operand_type("concat", 2, "one of {set, array}", coll);
        return 0;
    }
    int32_t n = tg_value_length(coll);
    tg_strbuf sb;
    tg_sb_init(&sb, 32);
    for (int32_t i = 0; i < n; i++) {
        tg_value *e = tg_iter_value(coll, i);
        if (e->type != TG_STRING) {
            tg_error_element("concat", 2, coll, "string", e);
            return 0;
        }
        if (i)
            tg_sb_put(&sb, S(delim)->data, S(delim)->len);
        tg_sb_put(&sb, S(e)->data, S(e)->len);
    }
    return tg_string(sb.buf, sb.len);
}

TG_BUILTIN("contains") tg_value *tg_builtin_contains(tg_value *s, tg_value *sub)
{
    if (!strings2("contains", s, sub))
        return 0;
    return tg_boolean(find(S(s)->data, S(s)->len, S(sub)->data, S(sub)->len, 0) >= 0);
}

TG_BUILTIN("startswith") tg_value *tg_builtin_startswith(tg_value *s, tg_value *p)
{
    if (!strings2("startswith", s, p))
        return 0;
    return tg_boolean(S(p)->len <= S(s)->len && memcmp(S(s)->data, S(p)->data, (size_t)S(p)->len) == 0);
}

TG_BUILTIN("endswith") tg_value *tg_builtin_endswith(tg_value *s, tg_value *p)
{
    if (!strings2("endswith", s, p))
        return 0;
    int32_t off = S(s)->len - S(p)->len;
    return tg_boolean(off >= 0 && memcmp(S(s)->data + off, S(p)->data, (size_t)S(p)->len) == 0);
}

/* Simple case mapping for the scripts policies meet most (ASCII, Latin-1, Latin Extended-A,
 * Greek, Cyrillic). Other code points are left unchanged. */
static uint32_t to_lower(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
        (c >= 0x410 && c <= 0x42f))
        return c + 32;
    if (c >= 0x400 && c <= 0x40f)
        return c + 80;
    if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x178 &&
        c != 0x17f) {
        int even_upper = !((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e));
        if (even_upper ? (c % 2 == 0) : (c % 2 == 1))
            return c + 1;
    }
    if (c == 0x178)
        return 0xff;
    return c;
}

static uint32_t to_upper(uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7) || (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2) ||
        (c >= 0x430 && c <= 0x44f))
        return c - 32;
    if (c >= 0x450 && c <= 0x45f)
        return c - 80;
    if (c == 0xff)
        return 0x178;
    if (c == 0x3c2)
        return 0x3a3;
    if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17f) {
        int even_upper = !((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e));
        if (even_upper ? (c % 2 == 1) : (c % 2 == 0))
            return c - 1;
    }
    return c;
}

static tg_value *map_case(const char *name, tg_value *s, uint32_t (*f)(uint32_t))
{
    if (!tg_check_type(name, 1, s, TG_STRING))
        return 0;
    tg_strbuf sb;
    tg_sb_init(&sb, S(s)->len + 4);
    int32_t i = 0;
    while (i < S(s)->len) {
        uint32_t cp;
        int32_t n = tg_utf8_decode(S(s)->data + i, S(s)->len - i, &cp);
        char enc[4];
        if (cp == 0xfffd && n == 1) {
            tg_sb_put(&sb, S(s)->data + i, 1); /* keep invalid bytes as they are */
        } else {
            uint32_t m = f(cp);
            tg_sb_put(&sb, enc, tg_utf8_encode(m, enc));
        }
        i += n;
    }
    return tg_string(sb.buf, sb.len);
}

TG_BUILTIN("lower") tg_value *tg_builtin_lower(tg_value *s) { return map_case("lower", s, to_lower); }

TG_BUILTIN("upper") tg_value *tg_builtin_upper(tg_value *s) { return map_case("upper", s, to_upper); }

static int32_t in_cutset(uint32_t cp, tg_value *cutset)
{
    int32_t i = 0;
    while (i < S(cutset)->len) {
        uint32_t c;
        i += tg_utf8_decode(S(cutset)->data + i, S(cutset)->len - i, &c);
        if (c == cp)
            return 1;
    }
    return 0;
}

static int32_t is_space(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
           c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Length in bytes of the code point that ends at byte `end`. */
static int32_t last_cp(const char *s, int32_t end, uint32_t *cp)
{
    int32_t start = end - 1;
    while (start > 0 && end - start < 4 && ((uint8_t)s[start] & 0xc0) == 0x80)
        start--;
    int32_t n = tg_utf8_decode(s + start, end - start, cp);
    if (start + n != end) {
        *cp = 0xfffd;
        return 1;
    }
    return n;
}

/* cutset == 0 means Unicode white space. */
static tg_value *trim_chars(tg_value *s, tg_value *cutset, int32_t left, int32_t right)
{
    const char *d = S(s)->data;
    int32_t start = 0, end = S(s)->len;
    while (left && start < end) {
        uint32_t cp;
        int32_t n = tg_utf8_decode(d + start, end - start, &cp);
        if (cutset ? !in_cutset(cp, cutset) : !is_space(cp))
            break;
        start += n;
    }
    while (right && end > start) {
        uint32_t cp;
        int32_t n = last_cp(d, end, &cp);
        if (cutset ? !in_cutset(cp, cutset) : !is_space(cp))
            break;
        end -= n;
    }
    return tg_string(d + start, end - start);
}

TG_BUILTIN("trim") tg_value *tg_builtin_trim(tg_value *s, tg_value *c)
{
    return strings2("trim", s, c) ? trim_chars(s, c, 1, 1) : 0;
}

TG_BUILTIN("trim_left") tg_value *tg_builtin_trim_left(tg_value *s, tg_value *c)
{
    return strings2("trim_left", s, c) ? trim_chars(s, c, 1, 0) : 0;
}

TG_BUILTIN("trim_right") tg_value *tg_builtin_trim_right(tg_value *s, tg_value *c)
{
    return strings2("trim_right", s, c) ? trim_chars(s, c, 0, 1) : 0;
}

TG_BUILTIN("trim_space") tg_value *tg_builtin_trim_space(tg_value *s)
{
    return tg_check_type("trim_space", 1, s, TG_STRING) ? trim_chars(s, 0, 1, 1) : 0;
}

TG_BUILTIN("trim_prefix") tg_value *tg_builtin_trim_prefix(tg_value *s, tg_value *p)
{
    if (!strings2("trim_prefix", s, p))
        return 0;
    if (S(p)->len <= S(s)->len && memcmp(S(s)->data, S(p)->data, (size_t)S(p)->len) == 0)
        return tg_string(S(s)->data + S(p)->len, S(s)->len - S(p)->len);
    return s;
}

TG_BUILTIN("trim_suffix") tg_value *tg_builtin_trim_suffix(tg_value *s, tg_value *p)
{
    if (!strings2("trim_suffix", s, p))
        return 0;
    int32_t off = S(s)->len - S(p)->len;
    if (off >= 0 && memcmp(S(s)->data + off, S(p)->data, (size_t)S(p)->len) == 0)
        return tg_string(S(s)->data, off);
    return s;
}

TG_BUILTIN("split") tg_value *tg_builtin_split(tg_value *s, tg_value *delim)
{
    if (!strings2("split", s, delim))
        return 0;
    const char *d = S(s)->data;
    int32_t len = S(s)->len;
    tg_value *r = tg_array(4);
    if (S(delim)->len == 0) {
        /* Go's strings.Split with an empty separator: one element per code point. */
        int32_t i = 0;
        while (i < len) {
            uint32_t cp;
            int32_t n = tg_utf8_decode(d + i, len - i, &cp);
            tg_array_append(r, tg_string(d + i, n));
            i += n;
        }
        return r;
    }
    int32_t start = 0;
    for (;;) {
        int32_t at = find(d, len, S(delim)->data, S(delim)->len, start);
        if (at < 0)
            break;
        tg_array_append(r, tg_string(d + start, at - start));
        start = at + S(delim)->len;
    }
    tg_array_append(r, tg_string(d + start, len - start));
    return r;
}

TG_BUILTIN("replace") tg_value *tg_builtin_replace(tg_value *s, tg_value *old, tg_value *new_)
{
    if (!strings2("replace", s, old) || !tg_check_type("replace", 3, new_, TG_STRING))
        return 0;
    const char *d = S(s)->data;
    int32_t len = S(s)->len;
    tg_strbuf sb;
    tg_sb_init(&sb, len + 8);
    if (S(old)->len == 0) {
        /* Go's strings.ReplaceAll with an empty old: insert around every code point. */
        int32_t i = 0;
        tg_sb_put(&sb, S(new_)->data, S(new_)->len);
        while (i < len) {
            uint32_t cp;
            int32_t n = tg_utf8_decode(d + i, len - i, &cp);
            tg_sb_put(&sb, d + i, n);
            tg_sb_put(&sb, S(new_)->data, S(new_)->len);
            i += n;
        }
        return tg_string(sb.buf, sb.len);
    }
    int32_t start = 0;
    for (;;) {
        int32_t at = find(d, len, S(old)->data, S(old)->len, start);
        if (at < 0)
            break;
        tg_sb_put(&sb, d + start, at - start);
        tg_sb_put(&sb, S(new_)->data, S(new_)->len);
        start = at + S(old)->len;
    }
    tg_sb_put(&sb, d + start, len - start);
    return tg_string(sb.buf, sb.len);
}

/* Byte offset of code point index `cp_index` (clamped to the end). */
static int32_t byte_offset(const char *d, int32_t len, int64_t cp_index)
{
    int32_t i = 0;
    while (i < len && cp_index > 0) {
        uint32_t cp;
        i += tg_utf8_decode(d + i, len - i, &cp);
        cp_index--;
    }
    return i;
}

TG_BUILTIN("substring") tg_value *tg_builtin_substring(tg_value *s, tg_value *start, tg_value *length)
{
    int64_t st, ln;
    if (!tg_check_type("substring", 1, s, TG_STRING) || !tg_arg_int("substring", 2, start, &st) ||
        !tg_arg_int("substring", 3, length, &ln))
        return 0;
    if (st < 0) {
        tg_error_msg("substring", "negative offset");
        return 0;
    }
    const char *d = S(s)->data;
    int32_t len = S(s)->len;
    int32_t from = byte_offset(d, len, st);
    if (ln < 0)
        return tg_string(d + from, len - from);
    int32_t to = from + byte_offset(d + from, len - from, ln);
    return tg_string(d + from, to - from);
}

TG_BUILTIN("indexof") tg_value *tg_builtin_indexof(tg_value *s, tg_value *sub)
{
    if (!strings2("indexof", s, sub))
        return 0;
    int32_t at = find(S(s)->data, S(s)->len, S(sub)->data, S(sub)->len, 0);
    if (at < 0)
        return tg_number_int(-1);
    return tg_number_int(tg_utf8_count(S(s)->data, at));
}

TG_BUILTIN("strings.reverse") tg_value *tg_builtin_strings_reverse(tg_value *s)
{
    if (!tg_check_type("strings.reverse", 1, s, TG_STRING))
        return 0;
    const char *d = S(s)->data;
    int32_t len = S(s)->len;
    char *out = (char *)tg_alloc((size_t)len + 1);
    int32_t i = 0;
    while (i < len) {
        uint32_t cp;
        int32_t n = tg_utf8_decode(d + i, len - i, &cp);
        memcpy(out + (len - i - n), d + i, (size_t)n);
        i += n;
    }
    return tg_string(out, len);
}

TG_BUILTIN("format_int") tg_value *tg_builtin_format_int(tg_value *num, tg_value *base)
{
    int64_t b;
    if (!tg_check_type("format_int", 1, num, TG_NUMBER) || !tg_check_type("format_int", 2, base, TG_NUMBER))
        return 0;
    if (!tg_number_to_i64(base, &b) || (b != 2 && b != 8 && b != 10 && b != 16)) {
        tg_error_set("eval_type_error", "format_int", "operand 2 must be one of {2, 8, 10, 16}");
        return 0;
    }
    /* OPA truncates toward zero before formatting. */
    tg_value *whole = tg_number_sign(num) < 0 ? tg_number_round(num, 1) : tg_number_round(num, 0);
    tg_strbuf sb;
    tg_sb_init(&sb, 24);
    if (!tg_number_format_base(&sb, whole, (uint32_t)b)) {
        tg_error_msg("format_int", "integer out of range");
        return 0;
    }
    return tg_string(sb.buf, sb.len);
}

TG_BUILTIN("to_number") tg_value *tg_builtin_to_number(tg_value *v)
{
    if (!v)
        return 0;
    switch (v->type) {
    case TG_NULL:
        return tg_number_int(0);
    case TG_BOOLEAN:
        return tg_number_int(((tg_boolean_t *)v)->b);
    case TG_NUMBER:
        return v;
    case TG_STRING: {
        const char *d = S(v)->data;
        int32_t len = S(v)->len;
        int32_t skip = len > 0 && d[0] == '+' && (len < 2 || d[1] != '-');
        if (!tg_number_valid_literal(d + skip, len - skip)) {
            tg_error_msg("to_number", "invalid syntax");
            return 0;
        }
        return tg_number_parse(d + skip, len - skip, 0);
    }
    default:
        tg_error_operand_type("to_number", 1, "one of {null, boolean, number, string}", v);
        return 0;
    }
}
