/* strings.count, strings.any_prefix_match / any_suffix_match, strings.replace_n, strings.split_n. */
#include "builtin.h"

#define S(v) tg_str(v)

TG_BUILTIN("strings.count") tg_value *tg_builtin_strings_count(tg_value *s, tg_value *sub)
{
    if (!tg_check_type("strings.count", 1, s, TG_STRING) || !tg_check_type("strings.count", 2, sub, TG_STRING))
        return 0;
    int32_t n = S(sub)->len;
    if (n == 0) /* as Go's strings.Count: one more than the number of code points */
        return tg_number_int(tg_utf8_count(S(s)->data, S(s)->len) + 1);
    int64_t count = 0;
    for (int32_t i = 0; i + n <= S(s)->len;) {
        if (memcmp(S(s)->data + i, S(sub)->data, (size_t)n) == 0) {
            count++;
            i += n;
        } else {
            i++;
        }
    }
    return tg_number_int(count);
}

/* A string, or an array/set of strings, as a list of string values; 0 and an error otherwise. */
static int32_t string_list(const char *name, int32_t operand, tg_value *v, tg_value ***items, int32_t *n,
                           tg_value **single)
{
    if (v && v->type == TG_STRING) {
        *single = v;
        *items = single;
        *n = 1;
        return 1;
    }
    if (!v || (v->type != TG_ARRAY && v->type != TG_SET)) {
        tg_error_operand_type(name, operand, "one of {string, set, array}", v);
        return 0;
    }
    int32_t len = tg_value_length(v);
    tg_value **out = (tg_value **)tg_alloc((size_t)(len ? len : 1) * sizeof(tg_value *));
    for (int32_t i = 0; i < len; i++) {
        tg_value *e = tg_iter_value(v, i);
        if (e->type != TG_STRING) {
            tg_error_element(name, operand, v, "string", e);
            return 0;
        }
        out[i] = e;
    }
    *items = out;
    *n = len;
    return 1;
}

static tg_value *any_match(const char *name, tg_value *search, tg_value *base, int32_t suffix)
{
    tg_value **ss, **bs, *s1, *b1;
    int32_t ns, nb;
    if (!string_list(name, 1, search, &ss, &ns, &s1) || !string_list(name, 2, base, &bs, &nb, &b1))
        return 0;
    for (int32_t i = 0; i < ns; i++) {
        for (int32_t j = 0; j < nb; j++) {
            int32_t off = suffix ? S(ss[i])->len - S(bs[j])->len : 0;
            if (S(bs[j])->len <= S(ss[i])->len &&
                memcmp(S(ss[i])->data + off, S(bs[j])->data, (size_t)S(bs[j])->len) == 0)
                return tg_boolean(1);
        }
    }
    return tg_boolean(0);
}

TG_BUILTIN("strings.any_prefix_match") tg_value *tg_builtin_strings_any_prefix_match(tg_value *s, tg_value *b)
{
    return any_match("strings.any_prefix_match", s, b, 0);
}

TG_BUILTIN("strings.any_suffix_match") tg_value *tg_builtin_strings_any_suffix_match(tg_value *s, tg_value *b)
{
    return any_match("strings.any_suffix_match", s, b, 1);
}

/* Like Go's strings.NewReplacer over the object's pairs in key order: at each position the
 * first (smallest) matching key wins; replaced text is not rescanned. */
TG_BUILTIN("strings.replace_n") tg_value *tg_builtin_strings_replace_n(tg_value *patterns, tg_value *s)
{
    if (!tg_check_type("strings.replace_n", 1, patterns, TG_OBJECT) || !tg_check_type("strings.replace_n", 2, s, TG_STRING))
        return 0;
    tg_map_t *m = tg_map(patterns);
    tg_map_ensure_sorted(m);
    for (int32_t k = 0; k < m->len; k++) {
        tg_entry *e = &m->entries[k];
        if (e->key->type != TG_STRING) {
            tg_error_operand_type("strings.replace_n", 1, "object[string: string]", patterns);
            return 0;
        }
        if (e->value->type != TG_STRING) {
            tg_error_set("eval_type_error", "strings.replace_n", "operand 1 must be object[string: string]");
            return 0;
        }
    }
    const char *d = S(s)->data;
    int32_t len = S(s)->len;
    tg_strbuf sb;
    tg_sb_init(&sb, len + 16);
    int32_t i = 0;
    while (i < len) {
        int32_t matched = 0;
        for (int32_t k = 0; k < m->len && !matched; k++) {
            tg_string_t *old = S(m->entries[k].key);
            if (old->len > 0 && old->len <= len - i && memcmp(d + i, old->data, (size_t)old->len) == 0) {
                tg_string_t *rep = S(m->entries[k].value);
                tg_sb_put(&sb, rep->data, rep->len);
                i += old->len;
                matched = 1;
            }
        }
        if (!matched)
            tg_sb_putc(&sb, d[i++]);
    }
    return tg_string(sb.buf, sb.len);
}

tg_value *tg_builtin_split(tg_value *s, tg_value *delim);

/* The first n parts of split(s, delim) (n > 0), the last -n parts (n < 0), none for 0. */
TG_BUILTIN("strings.split_n") tg_value *tg_builtin_strings_split_n(tg_value *s, tg_value *delim, tg_value *n)
{
    int64_t count;
    if (!tg_check_type("strings.split_n", 1, s, TG_STRING) || !tg_check_type("strings.split_n", 2, delim, TG_STRING) ||
        !tg_arg_int("strings.split_n", 3, n, &count))
        return 0;
    tg_array_t *parts = tg_arr(tg_builtin_split(s, delim));
    int64_t take = count < 0 ? -count : count;
    if (take > parts->len)
        take = parts->len;
    int64_t from = count < 0 ? parts->len - take : 0;
    tg_value *r = tg_array((int32_t)take);
    for (int64_t i = 0; i < take; i++)
        tg_array_append(r, parts->elems[from + i]);
    return r;
}
