/*
 * Serializing values: JSON (as OPA's Go encoder writes it: no spaces, sets as arrays,
 * non-string object keys as the JSON string of their JSON text, `<`, `>`, `&`, U+2028/9 and
 * invalid UTF-8 escaped as Go does) and Rego value syntax (sets as `{..}` / `set()`).
 */
#include "tg_internal.h"

static const char hex_digits[] = "0123456789abcdef";

static void put_u4(tg_strbuf *sb, uint32_t cp)
{
    char esc[6] = {'\\', 'u', hex_digits[(cp >> 12) & 15], hex_digits[(cp >> 8) & 15], hex_digits[(cp >> 4) & 15],
                   hex_digits[cp & 15]};
    tg_sb_put(sb, esc, 6);
}

void tg_dump_json_string(tg_strbuf *sb, const char *s, int32_t len)
{
    tg_sb_reserve(sb, len + 2);
    tg_sb_putc(sb, '"');
    int32_t i = 0;
    while (i < len) {
        uint8_t c = (uint8_t)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
            /* Copy the run of plain ASCII at once. */
            int32_t start = i;
            while (i < len) {
                c = (uint8_t)s[i];
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')
                    break;
                i++;
            }
            tg_sb_put(sb, s + start, i - start);
            continue;
        }
        if (c < 0x80) {
            i++;
            switch (c) {
            case '"': tg_sb_put(sb, "\\\"", 2); break;
            case '\\': tg_sb_put(sb, "\\\\", 2); break;
            case '\n': tg_sb_put(sb, "\\n", 2); break;
            case '\r': tg_sb_put(sb, "\\r", 2); break;
            case '\t': tg_sb_put(sb, "\\t", 2); break;
            case '\b': tg_sb_put(sb, "\\b", 2); break; /* Go >= 1.22 writes these short forms */
            case '\f': tg_sb_put(sb, "\\f", 2); break;
            default: put_u4(sb, c); break;
            }
            continue;
        }
        uint32_t cp;
        int32_t n = tg_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xfffd && n == 1) {
            put_u4(sb, 0xfffd);
        } else if (cp == 0x2028 || cp == 0x2029) {
            put_u4(sb, cp);
        } else {
            tg_sb_put(sb, s + i, n);
        }
        i += n;
    }
    tg_sb_putc(sb, '"');
}

/* rego: 0 JSON, 1 Rego value syntax, 2 Rego syntax spaced as OPA prints terms ("[1, 2]"). */
static void dump(tg_strbuf *sb, tg_value *v, int32_t rego);

static void separator(tg_strbuf *sb, int32_t rego)
{
    if (rego == 2)
        tg_sb_put(sb, ", ", 2);
    else
        tg_sb_putc(sb, ',');
}

static void dump_key(tg_strbuf *sb, tg_value *k, int32_t rego)
{
    if (rego || k->type == TG_STRING) {
        dump(sb, k, rego);
        return;
    }
    /* JSON keys must be strings: use the key's own JSON text. */
    tg_strbuf tmp;
    tg_sb_init(&tmp, 32);
    dump(&tmp, k, 0);
    tg_dump_json_string(sb, tmp.buf, tmp.len);
    tg_release(tmp.buf);
}

static void dump(tg_strbuf *sb, tg_value *v, int32_t rego)
{
    switch (v->type) {
    case TG_NULL:
        tg_sb_put(sb, "null", 4);
        return;
    case TG_BOOLEAN:
        if (((tg_boolean_t *)v)->b)
            tg_sb_put(sb, "true", 4);
        else
            tg_sb_put(sb, "false", 5);
        return;
    case TG_NUMBER:
        tg_number_format(sb, v);
        return;
    case TG_STRING: {
        tg_string_t *s = (tg_string_t *)v;
        tg_dump_json_string(sb, s->data, s->len);
        return;
    }
    case TG_ARRAY: {
        tg_array_t *a = (tg_array_t *)v;
        tg_sb_putc(sb, '[');
        for (int32_t i = 0; i < a->len; i++) {
            if (i)
                separator(sb, rego);
            dump(sb, a->elems[i], rego);
        }
        tg_sb_putc(sb, ']');
        return;
    }
    case TG_OBJECT: {
        tg_map_t *m = (tg_map_t *)v;
        tg_map_ensure_sorted(m);
        tg_sb_putc(sb, '{');
        for (int32_t i = 0; i < m->len; i++) {
            if (i)
                separator(sb, rego);
            dump_key(sb, m->entries[i].key, rego);
            if (rego == 2)
                tg_sb_put(sb, ": ", 2);
            else
                tg_sb_putc(sb, ':');
            dump(sb, m->entries[i].value, rego);
        }
        tg_sb_putc(sb, '}');
        return;
    }
    case TG_SET: {
        tg_map_t *m = (tg_map_t *)v;
        tg_map_ensure_sorted(m);
        if (rego && m->len == 0) {
            tg_sb_put(sb, "set()", 5);
            return;
        }
        tg_sb_putc(sb, rego ? '{' : '[');
        for (int32_t i = 0; i < m->len; i++) {
            if (i)
                separator(sb, rego);
            dump(sb, m->entries[i].key, rego);
        }
        tg_sb_putc(sb, rego ? '}' : ']');
        return;
    }
    default:
        return;
    }
}

void tg_dump_value(tg_strbuf *sb, tg_value *v, int32_t rego_syntax)
{
    if (!v) {
        tg_sb_put(sb, "null", 4); /* undefined has no text; keep the output valid JSON */
        return;
    }
    dump(sb, v, rego_syntax);
}

/* The text of OPA's result set for one evaluation: {{"result": v}} as JSON ([{"result":v}]) or Rego
 * value syntax ({{"result":v}}); the empty set when v is undefined. Same bytes as dumping the set. */
char *tg_dump_result_set(tg_value *v, int32_t rego_syntax)
{
    /* The usual decisions (undefined, true, false) are constant texts in static data: nothing to build or copy.
     * The host only reads the text; the runtime never frees static data (tg_release ignores it). */
    static char undefined_json[] = "[]", true_json[] = "[{\"result\":true}]", false_json[] = "[{\"result\":false}]";
    if (!rego_syntax) {
        if (!v)
            return undefined_json;
        if (v->type == TG_BOOLEAN)
            return ((tg_boolean_t *)v)->b ? true_json : false_json;
    }
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    if (!v) {
        if (rego_syntax)
            tg_sb_put(&sb, "set()", 5);
        else
            tg_sb_put(&sb, "[]", 2);
        return tg_sb_cstr(&sb);
    }
    if (rego_syntax)
        tg_sb_put(&sb, "{{\"result\":", 11);
    else
        tg_sb_put(&sb, "[{\"result\":", 11);
    dump(&sb, v, rego_syntax);
    tg_sb_put(&sb, rego_syntax ? "}}" : "}]", 2);
    return tg_sb_cstr(&sb);
}

TG_EXPORT("opa_json_dump") char *opa_json_dump(tg_value *v)
{
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    tg_dump_value(&sb, v, 0);
    return tg_sb_cstr(&sb);
}

TG_EXPORT("opa_value_dump") char *opa_value_dump(tg_value *v)
{
    tg_strbuf sb;
    tg_sb_init(&sb, 64);
    tg_dump_value(&sb, v, 1);
    return tg_sb_cstr(&sb);
}
