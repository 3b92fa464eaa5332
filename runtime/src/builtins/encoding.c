/* json.marshal/unmarshal/is_valid, base64, base64url and hex encodings. */
#include "builtin.h"

#define S(v) tg_str(v)

TG_BUILTIN("json.marshal") tg_value *tg_builtin_json_marshal(tg_value *v)
{
    if (!v)
        return 0;
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    tg_dump_value(&sb, v, 0);
    return tg_string(sb.buf, sb.len);
}

TG_BUILTIN("json.unmarshal") tg_value *tg_builtin_json_unmarshal(tg_value *s)
{
    if (!tg_check_type("json.unmarshal", 1, s, TG_STRING))
        return 0;
    tg_value *v = tg_parse_text(S(s)->data, S(s)->len, 0);
    if (!v)
        tg_error_msg("json.unmarshal", "invalid JSON");
    return v;
}

TG_BUILTIN("json.is_valid") tg_value *tg_builtin_json_is_valid(tg_value *s)
{
    if (!s || s->type != TG_STRING)
        return tg_boolean(0);
    return tg_boolean(tg_parse_text(S(s)->data, S(s)->len, 0) != 0);
}

static const char std_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char url_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static tg_value *b64_encode(tg_value *s, const char *alphabet, int32_t pad)
{
    const uint8_t *d = (const uint8_t *)S(s)->data;
    int32_t len = S(s)->len;
    char *out = (char *)tg_alloc((size_t)((len + 2) / 3 * 4 + 1));
    int32_t n = 0;
    int32_t i = 0;
    for (; i + 2 < len; i += 3) {
        uint32_t v = ((uint32_t)d[i] << 16) | ((uint32_t)d[i + 1] << 8) | d[i + 2];
        out[n++] = alphabet[(v >> 18) & 63];
        out[n++] = alphabet[(v >> 12) & 63];
        out[n++] = alphabet[(v >> 6) & 63];
        out[n++] = alphabet[v & 63];
    }
    if (i < len) {
        uint32_t v = (uint32_t)d[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)d[i + 1] << 8;
        out[n++] = alphabet[(v >> 18) & 63];
        out[n++] = alphabet[(v >> 12) & 63];
        if (i + 1 < len)
            out[n++] = alphabet[(v >> 6) & 63];
        else if (pad)
            out[n++] = '=';
        if (pad)
            out[n++] = '=';
    }
    return tg_string(out, n);
}

static int32_t b64_value(char c, int32_t url)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == (url ? '-' : '+'))
        return 62;
    if (c == (url ? '_' : '/'))
        return 63;
    return -1;
}

/* Decodes strictly (Go's StdEncoding / URLEncoding). `pad_optional`: padding may be omitted
 * (OPA's base64url.decode accepts both forms). Returns 0 on malformed input. */
static tg_value *b64_decode(const char *d, int32_t len, int32_t url, int32_t pad_optional)
{
    if (pad_optional && len % 4 != 0) {
        if (len % 4 == 1)
            return 0;
    } else if (len % 4 != 0) {
        return 0;
    }
    char *out = (char *)tg_alloc((size_t)(len / 4 * 3 + 3));
    int32_t n = 0;
    uint32_t acc = 0;
    int32_t bits = 0;
    int32_t i = 0;
    for (; i < len; i++) {
        if (d[i] == '=')
            break;
        int32_t v = b64_value(d[i], url);
        if (v < 0)
            return 0;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (char)((acc >> bits) & 0xff);
        }
    }
    /* Padding must complete the last quantum and nothing may follow it. */
    int32_t pads = 0;
    for (; i < len; i++) {
        if (d[i] != '=')
            return 0;
        pads++;
    }
    int32_t data_chars = len - pads;
    if (pads > 2 || data_chars % 4 == 1)
        return 0;
    if (pads && (data_chars + pads) % 4 != 0)
        return 0;
    if (bits && (acc & ((1u << bits) - 1)) != 0)
        return 0; /* non-zero trailing bits: Go rejects them */
    return tg_string(out, n);
}

TG_BUILTIN("base64.encode") tg_value *tg_builtin_base64_encode(tg_value *s)
{
    return tg_check_type("base64.encode", 1, s, TG_STRING) ? b64_encode(s, std_alphabet, 1) : 0;
}

TG_BUILTIN("base64.decode") tg_value *tg_builtin_base64_decode(tg_value *s)
{
    if (!tg_check_type("base64.decode", 1, s, TG_STRING))
        return 0;
    tg_value *r = b64_decode(S(s)->data, S(s)->len, 0, 0);
    if (!r)
        tg_error_msg("base64.decode", "illegal base64 data");
    return r;
}

TG_BUILTIN("base64.is_valid") tg_value *tg_builtin_base64_is_valid(tg_value *s)
{
    if (!tg_check_type("base64.is_valid", 1, s, TG_STRING))
        return 0;
    return tg_boolean(b64_decode(S(s)->data, S(s)->len, 0, 0) != 0);
}

TG_BUILTIN("base64url.encode") tg_value *tg_builtin_base64url_encode(tg_value *s)
{
    return tg_check_type("base64url.encode", 1, s, TG_STRING) ? b64_encode(s, url_alphabet, 1) : 0;
}

TG_BUILTIN("base64url.encode_no_pad") tg_value *tg_builtin_base64url_encode_no_pad(tg_value *s)
{
    return tg_check_type("base64url.encode_no_pad", 1, s, TG_STRING) ? b64_encode(s, url_alphabet, 0) : 0;
}

TG_BUILTIN("base64url.decode") tg_value *tg_builtin_base64url_decode(tg_value *s)
{
    if (!tg_check_type("base64url.decode", 1, s, TG_STRING))
        return 0;
    tg_value *r = b64_decode(S(s)->data, S(s)->len, 1, 1);
    if (!r)
        tg_error_msg("base64url.decode", "illegal base64 data");
    return r;
}

TG_BUILTIN("hex.encode") tg_value *tg_builtin_hex_encode(tg_value *s)
{
    if (!tg_check_type("hex.encode", 1, s, TG_STRING))
        return 0;
    int32_t len = S(s)->len;
    char *out = (char *)tg_alloc((size_t)len * 2 + 1);
    for (int32_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)S(s)->data[i];
        out[2 * i] = "0123456789abcdef"[c >> 4];
        out[2 * i + 1] = "0123456789abcdef"[c & 15];
    }
    return tg_string(out, len * 2);
}

static int32_t hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

TG_BUILTIN("hex.decode") tg_value *tg_builtin_hex_decode(tg_value *s)
{
    if (!tg_check_type("hex.decode", 1, s, TG_STRING))
        return 0;
    int32_t len = S(s)->len;
    const char *d = S(s)->data;
    char *out = (char *)tg_alloc((size_t)len / 2 + 1);
    for (int32_t i = 0; i + 1 < len; i += 2) {
        int32_t hi = hex_value(d[i]), lo = hex_value(d[i + 1]);
        if (hi < 0 || lo < 0) {
            /* Go's message names the offending byte: invalid byte: U+0067 'g' */
            char msg[] = "encoding/hex: invalid byte: U+0000 ' '";
            char bad = hi < 0 ? d[i] : d[i + 1];
            uint8_t u = (uint8_t)bad;
            msg[32] = "0123456789ABCDEF"[u >> 4];
            msg[33] = "0123456789ABCDEF"[u & 15];
            msg[36] = bad;
            tg_error_msg("hex.decode", msg);
            return 0;
        }
        out[i / 2] = (char)(hi * 16 + lo);
    }
    if (len % 2) {
        tg_error_msg("hex.decode", "encoding/hex: odd length hex string");
        return 0;
    }
    return tg_string(out, len / 2);
}
