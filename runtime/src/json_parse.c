/*
 * Parsing JSON (strict: RFC 8259 grammar, 0 on any error) and Rego value syntax (JSON plus
 * sets `{1, 2}`, `set()`, non-string object keys, raw `backtick` strings, trailing commas).
 * Recursive descent with a depth cap so hostile input cannot exhaust the wasm stack.
 * Strings are copied (the source text may be reclaimed after parsing), except by tg_parse_borrowing,
 * whose caller keeps the text alive as long as the value.
 *
 * This runs on every evaluation (opa_eval parses the input), so it is one tight pass: a cursor
 * pointer instead of index arithmetic, whitespace skipped inline, each string scanned once and
 * copied with its header in one allocation, object keys inserted through the string-key path
 * of the map (tg_map_put_string_key) rather than the generic comparison.
 */
#include "tg_internal.h"

#define TG_MAX_DEPTH 400

typedef struct {
    const char *p;   /* cursor */
    const char *end; /* one past the last byte */
    int32_t depth;
    int32_t rego;
    /* COPY: strings are copied. BORROW: strings without escapes point into the source text. CHECK: only check the
     * text, build nothing and answer CHECKED for every valid value (members nobody observes). */
    int32_t mode;
} parser;

enum { COPY = 0, BORROW = 1, CHECK = 2 };

/* What a checking parse returns for a valid value (any non-zero address would do; this one is static). */
#define CHECKED ((tg_value *)&tg_true_value)

static tg_value *parse_value(parser *ps);

/* JSON whitespace as a bit set over bytes 0..32: a shift and a mask, not a jump table (Cranelift turns a
 * switch into an indirect jump, which mispredicts on every token). */
#define TG_WS_MASK ((1ull << ' ') | (1ull << '\n') | (1ull << '\r') | (1ull << '\t'))

static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end) {
        uint32_t c = (uint8_t)*p;
        if (c > ' ' || !((TG_WS_MASK >> c) & 1))
            break;
        p++;
    }
    return p;
}

static int32_t match_word(parser *ps, const char *w, int32_t n)
{
    if (ps->end - ps->p < n || memcmp(ps->p, w, (size_t)n) != 0)
        return 0;
    ps->p += n;
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

/* Decodes the escaped body [start, end) into out; returns the decoded length or -1. */
static int32_t unescape(const char *start, const char *end, char *out)
{
    int32_t n = 0;
    const char *i = start;
    while (i < end) {
        char c = *i;
        if (c != '\\') {
            out[n++] = c;
            i++;
            continue;
        }
        if (i + 1 >= end)
            return -1;
        char e = i[1];
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
            if (end - i < 4 || !hex4(i, &cp))
                return -1;
            i += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                uint32_t lo;
                if (end - i >= 6 && i[0] == '\\' && i[1] == 'u' && hex4(i + 2, &lo) && lo >= 0xdc00 && lo < 0xe000) {
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
            return -1;
        }
    }
    return n;
}

/* From the first byte of a string body: the closing quote, or 0 when the string does not end or has a control
 * byte. *escapes is set when the body holds a backslash (the escape itself is checked when decoding). */
static inline const char *scan_string(const char *i, const char *end, int32_t *escapes)
{
    /* Eight bytes at a time (SWAR): flag quotes, backslashes and control bytes in a word and jump straight to
     * the first flagged one (the lowest flag of each test is exact). Fewer instructions per byte and fewer
     * loop back-edges, each of which carries Wasmtime's epoch check; short strings end in one step. */
    for (;;) {
        if (end - i >= 8) {
            uint64_t x = *(const tg_u64_unaligned_t *)i;
            uint64_t quote = x ^ 0x2222222222222222ull;
            uint64_t slash = x ^ 0x5c5c5c5c5c5c5c5cull;
            uint64_t special = (((quote - 0x0101010101010101ull) & ~quote) | ((slash - 0x0101010101010101ull) & ~slash) |
                                ((x - 0x2020202020202020ull) & ~x)) &
                               0x8080808080808080ull;
            if (!special) {
                i += 8;
                continue;
            }
            /* The first flagged byte is a quote when it is also the first flagged byte of the quote test: the
             * usual end of a string, decided without loading the byte again. */
            uint64_t first = special & (0 - special);
            i += __builtin_ctzll(special) >> 3;
            if ((quote - 0x0101010101010101ull) & ~quote & first)
                return i;
        } else if (i >= end) {
            return 0;
        }
        uint8_t c = (uint8_t)*i;
        if (c == '"')
            return i;
        if (c == '\\') {
            *escapes = 1;
            i += 2; /* the escaped byte is never the closing quote */
            continue;
        }
        if (c < 0x20)
            return 0;
        i++;
    }
}

/* At the opening quote. */
static tg_value *parse_string(parser *ps)
{
    const char *start = ps->p + 1;
    int32_t escapes = 0;
    const char *i = scan_string(start, ps->end, &escapes);
    if (!i)
        return 0;
    ps->p = i + 1;
    int32_t len = (int32_t)(i - start);
    if (!escapes && ps->mode != COPY)
        return ps->mode == CHECK ? CHECKED : tg_string(start, len);
    /* Header and bytes in one block; decoded text is never longer than the escaped source. */
    tg_string_t *str = (tg_string_t *)tg_alloc(sizeof(tg_string_t) + (size_t)len);
    char *out = (char *)(str + 1);
    if (escapes) {
        len = unescape(start, i, out);
        if (len < 0)
            return 0;
    } else {
        tg_copy_bytes(out, start, len);
    }
    str->type = TG_STRING;
    str->len = len;
    str->data = out;
    return (tg_value *)str;
}

static tg_value *parse_raw_string(parser *ps)
{
    const char *start = ps->p + 1;
    const char *i = start;
    while (i < ps->end && *i != '`')
        i++;
    if (i >= ps->end)
        return 0;
    ps->p = i + 1;
    return ps->mode == CHECK ? CHECKED : tg_string_copy(start, (int32_t)(i - start));
}

static tg_value *parse_number(parser *ps)
{
    const char *start = ps->p;
    const char *i = start;
    const char *end = ps->end;
    /* Small non-negative integers (the common case in documents): digits only, no leading zero. */
    if (*i >= '1' && *i <= '9') {
        int64_t v = 0;
        while (i < end && *i >= '0' && *i <= '9' && i - start < 18)
            v = v * 10 + (*i++ - '0');
        if (i == end || !((*i >= '0' && *i <= '9') || *i == '.' || *i == 'e' || *i == 'E' || *i == '-' || *i == '+')) {
            ps->p = i;
            return ps->mode == CHECK ? CHECKED : tg_number_int(v);
        }
        i = start;
    }
    while (i < end) {
        char c = *i;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
            i++;
        else
            break;
    }
    int32_t len = (int32_t)(i - start);
    if (!tg_number_valid_literal(start, len))
        return 0;
    ps->p = i;
    return tg_number_parse(start, len, 1);
}

/* After '[' (or after `{first,` for sets): elements up to the closing bracket. */
static int32_t parse_elements(parser *ps, tg_value *into, char close, int32_t is_set)
{
    for (;;) {
        ps->p = skip_ws(ps->p, ps->end);
        if (ps->p >= ps->end)
            return 0;
        if (*ps->p == close) {
            ps->p++;
            return 1;
        }
        tg_value *v = parse_value(ps);
        if (!v)
            return 0;
        if (ps->mode == CHECK)
            ;
        else if (is_set)
            tg_set_add(into, v);
        else
            tg_array_append(into, v);
        ps->p = skip_ws(ps->p, ps->end);
        if (ps->p >= ps->end)
            return 0;
        if (*ps->p == ',') {
            ps->p++;
            if (!ps->rego) {
                /* JSON forbids a trailing comma. */
                ps->p = skip_ws(ps->p, ps->end);
                if (ps->p < ps->end && *ps->p == close)
                    return 0;
            }
        } else if (*ps->p != close) {
            return 0;
        }
    }
}

/* An object key: a JSON string, or in Rego syntax any value. */
static tg_value *parse_key(parser *ps)
{
    if (!ps->rego) {
        if (ps->p >= ps->end || *ps->p != '"')
            return 0;
        return parse_string(ps);
    }
    return parse_value(ps);
}

/* What follows an object member: the closing brace (left under the cursor), another member (cursor at its
 * key), or malformed input. A trailing comma before the brace is Rego syntax only. Shared by the full and the
 * path-guided parse so the two cannot disagree on what an object looks like. */
enum { MEMBER_BAD, MEMBER_CLOSE, MEMBER_NEXT };

static inline int32_t after_member(parser *ps, const char *end)
{
    ps->p = skip_ws(ps->p, end);
    if (ps->p >= end)
        return MEMBER_BAD;
    if (*ps->p == '}')
        return MEMBER_CLOSE;
    if (*ps->p != ',')
        return MEMBER_BAD;
    ps->p = skip_ws(ps->p + 1, end);
    if (ps->p >= end)
        return MEMBER_BAD;
    if (*ps->p == '}')
        return ps->rego ? MEMBER_CLOSE : MEMBER_BAD;
    return MEMBER_NEXT;
}

static void insert_member(tg_value *obj, tg_value *key, tg_value *v)
{
    if (key->type == TG_STRING)
        tg_map_put_string_key((tg_map_t *)obj, (tg_string_t *)key, v);
    else
        tg_object_insert(obj, key, v); /* duplicate keys: the last wins, as in Go */
}

static tg_value *parse_object_or_set(parser *ps)
{
    const char *end = ps->end;
    ps->p = skip_ws(ps->p + 1, end);
    if (ps->p < end && *ps->p == '}') {
        ps->p++;
        return ps->mode == CHECK ? CHECKED : tg_object();
    }
    tg_value *key = parse_key(ps);
    if (!key)
        return 0;
    ps->p = skip_ws(ps->p, end);
    if (ps->p >= end)
        return 0;
    if (ps->rego && (*ps->p == ',' || *ps->p == '}')) {
        tg_value *set = ps->mode == CHECK ? CHECKED : tg_set();
        if (ps->mode != CHECK)
            tg_set_add(set, key);
        if (*ps->p == ',')
            ps->p++;
        return parse_elements(ps, set, '}', 1) ? set : 0;
    }
    tg_value *obj = ps->mode == CHECK ? CHECKED : tg_object();
    for (;;) {
        if (ps->p >= end || *ps->p != ':')
            return 0;
        ps->p++;
        tg_value *v = parse_value(ps);
        if (!v)
            return 0;
        if (ps->mode != CHECK)
            insert_member(obj, key, v);
        int32_t next = after_member(ps, end);
        if (next == MEMBER_BAD)
            return 0;
        if (next == MEMBER_CLOSE) {
            ps->p++;
            return obj;
        }
        key = parse_key(ps);
        if (!key)
            return 0;
        ps->p = skip_ws(ps->p, end);
    }
}

static tg_value *parse_value(parser *ps)
{
    ps->p = skip_ws(ps->p, ps->end);
    if (ps->p >= ps->end)
        return 0;
    if (++ps->depth > TG_MAX_DEPTH)
        return 0;
    tg_value *v = 0;
    char c = *ps->p;
    /* Tested in order of frequency in documents; an if chain, not a switch (see TG_WS_MASK). */
    if (c == '"') {
        v = parse_string(ps);
    } else if (c == '{') {
        v = parse_object_or_set(ps);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        v = parse_number(ps);
    } else if (c == '[') {
        ps->p++;
        v = ps->mode == CHECK ? CHECKED : tg_array(0);
        if (!parse_elements(ps, v, ']', 0))
            v = 0;
    } else if (c == 't') {
        v = match_word(ps, "true", 4) ? tg_boolean(1) : 0;
    } else if (c == 'f') {
        v = match_word(ps, "false", 5) ? tg_boolean(0) : 0;
    } else if (c == 'n') {
        v = match_word(ps, "null", 4) ? tg_null() : 0;
    } else if (c == 's') {
        if (ps->rego && match_word(ps, "set(", 4)) {
            ps->p = skip_ws(ps->p, ps->end);
            if (ps->p < ps->end && *ps->p == ')') {
                ps->p++;
                v = tg_set();
            }
        }
    } else if (c == '`') {
        if (ps->rego)
            v = parse_raw_string(ps);
    }
    ps->depth--;
    return v;
}

static tg_value *parse_all(const char *text, int32_t len, int32_t rego_syntax, int32_t borrow)
{
    if (!text || len < 0)
        return 0;
    parser ps = {text, text + len, 0, rego_syntax, borrow ? BORROW : COPY};
    tg_value *v = parse_value(&ps);
    if (!v)
        return 0;
    return skip_ws(ps.p, ps.end) == ps.end ? v : 0;
}

/* ---- input built along paths (tollgate_codegen.h, "input paths") ---- */

/* The member of `node` whose key is the `len` bytes at `key`, or -1. */
static int32_t find_member(const tg_input_node *node, const char *key, int32_t len)
{
    for (int32_t i = 0; i < node->count; i++) {
        tg_string_t *k = node->members[i].key;
        if (k->len == len && tg_bytes_equal(k->data, key, len))
            return i;
    }
    return -1;
}

/* Checks a member value nobody observes: the same parser in checking mode (the same texts are accepted), which
 * builds nothing but what it needs to check (decoded escapes, decimal numbers). */
static int32_t skip_value(parser *ps)
{
    ps->p = skip_ws(ps->p, ps->end);
    if (ps->p < ps->end && *ps->p == '"') {
        int32_t escapes = 0;
        const char *close = scan_string(ps->p + 1, ps->end, &escapes);
        if (close && !escapes) {
            ps->p = close + 1;
            return 1;
        }
    }
    ps->mode = CHECK;
    int32_t ok = parse_value(ps) != 0;
    ps->mode = BORROW;
    return ok;
}

static tg_value *parse_selected(parser *ps, const tg_input_node *node);

/* One member value: built along the path, built whole, or only checked. */
static tg_value *parse_member_value(parser *ps, const tg_input_node *node, int32_t at)
{
    if (at < 0)
        return skip_value(ps) ? (tg_value *)&tg_true_value : 0;
    const tg_input_node *child = node->members[at].child;
    if (child)
        return parse_selected(ps, child);
    /* A whole string (the usual leaf) without the generic value dispatch. */
    ps->p = skip_ws(ps->p, ps->end);
    if (ps->p < ps->end && *ps->p == '"')
        return parse_string(ps);
    return parse_value(ps);
}

/* A value whose readers observe only `node`'s members. An object is built with just those members, under the
 * node's own key strings, in key order; a member appearing twice keeps its last value (as a full parse does).
 * Anything else (a set in Rego syntax, an array, a scalar) is built in full: its readers see it as it is. */
static tg_value *parse_selected(parser *ps, const tg_input_node *node)
{
    const char *end = ps->end;
    ps->p = skip_ws(ps->p, end);
    if (ps->p >= end || *ps->p != '{')
        return parse_value(ps);
    const char *open = ps->p;
    if (++ps->depth > TG_MAX_DEPTH)
        return 0;
    tg_map_t *m = tg_map_new(TG_OBJECT, node->count);
    for (int32_t i = 0; i < node->count; i++)
        m->entries[i].key = 0;
    ps->p = skip_ws(ps->p + 1, end);
    if (ps->p < end && *ps->p == '}') {
        ps->p++;
        ps->depth--;
        return (tg_value *)m;
    }
    for (int32_t first = 1;; first = 0) {
        if (ps->p >= end)
            return 0;
        int32_t at = -1;
        int32_t escapes = 0;
        const char *close = *ps->p == '"' ? scan_string(ps->p + 1, end, &escapes) : 0;
        if (close && !escapes) {
            at = find_member(node, ps->p + 1, (int32_t)(close - ps->p - 1));
            ps->p = close + 1;
        } else {
            /* Escaped or unterminated strings, and in Rego syntax keys of any kind (`raw` strings match too). */
            tg_value *key = parse_key(ps);
            if (!key)
                return 0;
            if (key->type == TG_STRING)
                at = find_member(node, ((tg_string_t *)key)->data, ((tg_string_t *)key)->len);
        }
        ps->p = skip_ws(ps->p, end);
        if (ps->p >= end)
            return 0;
        if (first && ps->rego && (*ps->p == ',' || *ps->p == '}')) {
            /* {"a", "b"} is a set: parsed again in full. */
            ps->p = open;
            ps->depth--;
            return parse_value(ps);
        }
        if (*ps->p != ':')
            return 0;
        ps->p++;
        tg_value *v = parse_member_value(ps, node, at);
        if (!v)
            return 0;
        if (at >= 0) {
            m->entries[at].key = (tg_value *)node->members[at].key;
            m->entries[at].value = v;
        }
        int32_t next = after_member(ps, end);
        if (next == MEMBER_BAD)
            return 0;
        if (next == MEMBER_CLOSE)
            break;
    }
    ps->p++;
    ps->depth--;
    /* Members in the node's (key) order, absent ones left out. */
    int32_t n = 0;
    for (int32_t i = 0; i < node->count; i++) {
        if (m->entries[i].key) {
            m->entries[n].key = m->entries[i].key;
            m->entries[n].value = m->entries[i].value;
            n++;
        }
    }
    m->len = n;
    tg_map_entries_written(m, 1); /* the node's keys are in byte order (tollgate_codegen.h) */
    return (tg_value *)m;
}

tg_value *tg_parse_input(const char *text, int32_t len, const tg_input_node *paths)
{
    if (!paths)
        return tg_parse_borrowing(text, len);
    if (!text || len < 0)
        return 0;
    parser ps = {text, text + len, 0, 1, BORROW};
    tg_value *v = parse_selected(&ps, paths);
    if (!v)
        return 0;
    return skip_ws(ps.p, ps.end) == ps.end ? v : 0;
}

tg_value *tg_parse_text(const char *text, int32_t len, int32_t rego_syntax)
{
    return parse_all(text, len, rego_syntax, 0);
}

tg_value *tg_parse_borrowing(const char *text, int32_t len)
{
    return parse_all(text, len, 1, 1);
}

TG_EXPORT("opa_json_parse") tg_value *opa_json_parse(const char *text, int32_t len)
{
    return tg_parse_text(text, len, 0);
}

TG_EXPORT("opa_value_parse") tg_value *opa_value_parse(const char *text, int32_t len)
{
    return tg_parse_text(text, len, 1);
}
