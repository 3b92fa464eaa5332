/*
 * Parsing JSON (strict: RFC 8259 grammar, 0 on any error) and Rego value syntax (JSON plus
 * sets `{1, 2}`, `set()`, non-string object keys, raw `backtick` strings, trailing commas).
 * Recursive descent with a depth cap so hostile input cannot exhaust the wasm stack.
 * Strings are copied: the source text may be reclaimed after parsing.
 */
#include "tg_internal.h"

#define TG_MAX_DEPTH 400

typedef struct {
    const char *s;
    int32_t len;
    int32_t pos;
    int32_t depth;
    int32_t rego;
} parser;

static tg_value *parse_value(parser *p);

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            p->pos++;
        else
            break;
    }
}

static int32_t match_word(parser *p, const char *w)
{
    int32_t n = (int32_t)strlen(w);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, w, (size_t)n) != 0)
        return 0;
    p->pos += n;
    return 1;
}

static int32_t hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static tg_value *parse_string(parser *p)
{
    int32_t start = ++p->pos; /* after the quote */
    /* First pass: find the end and whether any escapes need decoding. */
    int32_t escapes = 0;
    int32_t i = start;
    for (;;) {
        if (i >= p->len)
            return 0;
        uint8_t c = (uint8_t)p->s[i];
        if (c == '"')
            break;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            escapes = 1;
            i += 2;
            continue;
        }
        i++;
    }
    int32_t end = i;
    p->pos = end + 1;
    if (!escapes)
        return tg_string_copy(p->s + start, end - start);
    /* Decoded text is never longer than the escaped source. */
    tg_string_t *str = (tg_string_t *)tg_alloc(sizeof(tg_string_t) + (size_t)(end - start));
    char *out = (char *)(str + 1);
    int32_t n = 0;
    for (i = start; i < end;) {
        char c = p->s[i];
        if (c != '\\') {
            out[n++] = c;
            i++;
            continue;
        }
        if (i + 1 >= end)
            return 0;
        char e = p->s[i + 1];
        i += 2;
        switch (e) {
        case '"': out[n++] = '"'; break;
        case '\\': out[n++] = '\\'; break;
        case '/': out[n++] = '/'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (end - i < 4 || !hex4(p->s + i, &cp))
                return 0;
            i += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                uint32_t lo;
                if (end - i >= 6 && p->s[i] == '\\' && p->s[i + 1] == 'u' && hex4(p->s + i + 2, &lo) &&
                    lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    i += 6;
                } else {
                    cp = 0xfffd; /* lone surrogate, replaced as Go does */
                }
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                cp = 0xfffd;
            }
            n += tg_utf8_encode(cp, out + n);
            break;
        }
        default:
            return 0;
        }
    }
    str->type = TG_STRING;
    str->len = n;
    str->data = out;
    return (tg_value *)str;
}

static tg_value *parse_raw_string(parser *p)
{
    int32_t start = ++p->pos;
    int32_t i = start;
    while (i < p->len && p->s[i] != '`')
        i++;
    if (i >= p->len)
        return 0;
    p->pos = i + 1;
    return tg_string_copy(p->s + start, i - start);
}

static tg_value *parse_number(parser *p)
{
    int32_t start = p->pos;
    int32_t i = start;
    while (i < p->len) {
        char c = p->s[i];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
            i++;
        else
            break;
    }
    if (!tg_number_valid_literal(p->s + start, i - start))
        return 0;
    p->pos = i;
    return tg_number_parse(p->s + start, i - start, 1);
}

/* After '[' (or after `{first` for sets): elements up to the closing bracket. */
static int32_t parse_elements(parser *p, tg_value *into, char close, int32_t is_set)
{
    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len)
            return 0;
        if (p->s[p->pos] == close) {
            p->pos++;
            return 1;
        }
        tg_value *v = parse_value(p);
        if (!v)
            return 0;
        if (is_set)
            tg_set_add(into, v);
        else
            tg_array_append(into, v);
        skip_ws(p);
        if (p->pos >= p->len)
            return 0;
        if (p->s[p->pos] == ',') {
            p->pos++;
            if (!p->rego) {
                /* JSON forbids a trailing comma. */
                skip_ws(p);
                if (p->pos < p->len && p->s[p->pos] == close)
                    return 0;
            }
        } else if (p->s[p->pos] != close) {
            return 0;
        }
    }
}

static tg_value *parse_object_or_set(parser *p)
{
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return tg_object();
    }
    tg_value *key;
    if (!p->rego) {
        if (p->pos >= p->len || p->s[p->pos] != '"')
            return 0;
        key = parse_string(p);
    } else {
        key = parse_value(p);
    }
    if (!key)
        return 0;
    skip_ws(p);
    if (p->pos >= p->len)
        return 0;
    if (p->rego && (p->s[p->pos] == ',' || p->s[p->pos] == '}')) {
        tg_value *set = tg_set();
        tg_set_add(set, key);
        if (p->s[p->pos] == ',')
            p->pos++;
        return parse_elements(p, set, '}', 1) ? set : 0;
    }
    tg_value *obj = tg_object();
    for (;;) {
        if (p->pos >= p->len || p->s[p->pos] != ':')
            return 0;
        p->pos++;
        tg_value *v = parse_value(p);
        if (!v)
            return 0;
        tg_object_insert(obj, key, v); /* duplicate keys: the last wins, as in Go */
        skip_ws(p);
        if (p->pos >= p->len)
            return 0;
        if (p->s[p->pos] == '}') {
            p->pos++;
            return obj;
        }
        if (p->s[p->pos] != ',')
            return 0;
        p->pos++;
        skip_ws(p);
        if (p->pos >= p->len)
            return 0;
        if (p->s[p->pos] == '}') {
            if (!p->rego)
                return 0;
            p->pos++;
            return obj;
        }
        if (!p->rego) {
            if (p->s[p->pos] != '"')
                return 0;
            key = parse_string(p);
        } else {
            key = parse_value(p);
        }
        if (!key)
            return 0;
        skip_ws(p);
    }
}

static tg_value *parse_value(parser *p)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return 0;
    if (++p->depth > TG_MAX_DEPTH)
        return 0;
    tg_value *v = 0;
    char c = p->s[p->pos];
    switch (c) {
    case '"':
        v = parse_string(p);
        break;
    case '{':
        v = parse_object_or_set(p);
        break;
    case '[':
        p->pos++;
        v = tg_array(0);
        if (!parse_elements(p, v, ']', 0))
            v = 0;
        break;
    case 't':
        v = match_word(p, "true") ? tg_boolean(1) : 0;
        break;
    case 'f':
        v = match_word(p, "false") ? tg_boolean(0) : 0;
        break;
    case 'n':
        v = match_word(p, "null") ? tg_null() : 0;
        break;
    case 's':
        if (p->rego && match_word(p, "set(")) {
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ')') {
                p->pos++;
                v = tg_set();
            }
        }
        break;
    case '`':
        if (p->rego)
            v = parse_raw_string(p);
        break;
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            v = parse_number(p);
        break;
    }
    p->depth--;
    return v;
}

tg_value *tg_parse_text(const char *text, int32_t len, int32_t rego_syntax)
{
    if (!text || len < 0)
        return 0;
    parser p = {text, len, 0, 0, rego_syntax};
    tg_value *v = parse_value(&p);
    if (!v)
        return 0;
    skip_ws(&p);
    return p.pos == p.len ? v : 0;
}

TG_EXPORT("opa_json_parse") tg_value *opa_json_parse(const char *text, int32_t len)
{
    return tg_parse_text(text, len, 0);
}

TG_EXPORT("opa_value_parse") tg_value *opa_value_parse(const char *text, int32_t len)
{
    return tg_parse_text(text, len, 1);
}
