/*
 * Internal declarations shared by the runtime's C files. Not part of the codegen contract.
 *
 * Value layout (private to the runtime; the code generator treats tg_value* as opaque):
 * every value starts with a one-byte type tag; scalars are small structs, composites own
 * growable arrays. Objects and sets keep their entries inline in one array, with a hash index
 * (chains of entry indexes) for lookup; the array is sorted in place when first iterated, so
 * iteration in OPA's order never allocates (values below the host's heap reset point must never
 * grow new memory).
 */
#ifndef TG_INTERNAL_H
#define TG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "../include/tollgate_codegen.h"


#if defined(__wasm__)
#define TG_WASM 1
#define TG_EXPORT(name) __attribute__((export_name(name)))
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#else
#define TG_EXPORT(name)
#include <string.h>
#endif

/* ---- value layout ---- */
struct tg_value {
    uint8_t type;
};

typedef struct {
    uint8_t type;
    uint8_t b;
} tg_boolean_t;

enum { TG_NUM_INT = 0, TG_NUM_DEC = 1 };

/* A number is either a small integer (int64) or a decimal coef * 10^exp with a base-1e9
 * coefficient. Decimals are always normalized (no trailing zero digits in coef, never an
 * integer that fits int64), so equal numbers have identical representations. `text` keeps
 * the literal a number was parsed from, so data passes through unchanged (as OPA's
 * json.Number does). */
typedef struct {
    uint8_t type;
    uint8_t kind;
    uint8_t neg;
    int32_t exp;
    int32_t n;
    uint32_t *limbs;
    int64_t i;
    const char *text;
    int32_t text_len;
} tg_number_t;

typedef struct {
    uint8_t type;
    int32_t len;
    const char *data;
} tg_string_t;

typedef struct {
    uint8_t type;
    int32_t len;
    int32_t cap;
    tg_value **elems;
} tg_array_t;

typedef struct {
    tg_value *key;
    tg_value *value;
    uint32_t hash; /* valid while the map has an index */
    int32_t next;  /* next entry index in the same hash bucket, -1 at the end */
} tg_entry;

/* Objects and sets share this layout; for sets value == key. */
typedef struct {
    uint8_t type;
    uint8_t sorted;
    int32_t len;
    int32_t cap;
    tg_entry *entries;
    int32_t *buckets; /* first entry index per bucket, -1 when empty */
    int32_t nbuckets; /* 0: no index yet (small maps are scanned) */
} tg_map_t;

/* Input paths (tollgate_codegen.h): a node lists the object members a value's readers can observe. */
typedef struct {
    tg_string_t *key;
    const struct tg_input_node *child; /* 0: the member's value is observed whole */
} tg_input_member;

struct tg_input_node {
    int32_t count;
    tg_input_member members[];
};

/* ---- small inline helpers for hot paths (no call per byte run) ---- */
typedef uint64_t __attribute__((aligned(1), may_alias)) tg_u64_unaligned_t;
typedef uint32_t __attribute__((aligned(1), may_alias)) tg_u32_unaligned_t;

/* Copies n bytes; short runs (keys, identifiers) stay inline instead of calling memcpy. */
static inline void tg_copy_bytes(char *dst, const char *src, int32_t n)
{
    while (n >= 8) {
        *(tg_u64_unaligned_t *)dst = *(const tg_u64_unaligned_t *)src;
        dst += 8;
        src += 8;
        n -= 8;
    }
    if (n >= 4) {
        *(tg_u32_unaligned_t *)dst = *(const tg_u32_unaligned_t *)src;
        dst += 4;
        src += 4;
        n -= 4;
    }
    while (n-- > 0)
        *dst++ = *src++;
}

/* Byte equality of two runs of the same length n. */
static inline int32_t tg_bytes_equal(const char *a, const char *b, int32_t n)
{
    while (n >= 8) {
        if (*(const tg_u64_unaligned_t *)a != *(const tg_u64_unaligned_t *)b)
            return 0;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n-- > 0) {
        if (*a++ != *b++)
            return 0;
    }
    return 1;
}

/* The entry of an unindexed map (nbuckets == 0) under a string key, by a linear scan: length first, then the
 * pointer (keys from the same static string are one value), then the bytes. Inline for tg_value_get. */
static inline tg_entry *tg_map_find_string_unindexed(tg_map_t *m, tg_string_t *key)
{
    int32_t len = key->len;
    tg_entry *e = m->entries;
    for (int32_t i = 0; i < m->len; i++, e++) {
        tg_string_t *k = (tg_string_t *)e->key;
        if (k->type == TG_STRING && k->len == len && (k == key || tg_bytes_equal(k->data, key->data, len)))
            return e;
    }
    return 0;
}

/* ---- allocator (alloc.c) ---- */
void *tg_alloc(size_t size);
void tg_release(void *p);
void tg_alloc_init(void);
void *opa_malloc(size_t size);
void opa_free(void *p);

/* ---- values (value.c, map.c) ---- */
extern tg_boolean_t tg_true_value, tg_false_value;
tg_value *tg_string_copy(const char *utf8, int32_t len);
tg_map_t *tg_map_new(uint8_t type, int32_t cap);
/* The entry for key, or 0. The pointer is valid until the map is next modified or sorted. */
tg_entry *tg_map_find(tg_map_t *m, tg_value *key);
/* tg_object_insert for a string key (insert or overwrite), without the generic comparison. */
void tg_map_put_string_key(tg_map_t *m, tg_string_t *key, tg_value *v);
void tg_map_ensure_sorted(tg_map_t *m);
/* After entries were written directly (distinct keys, m->len set; `sorted` if they are in key order): the index. */
void tg_map_entries_written(tg_map_t *m, int32_t sorted);
int32_t tg_map_remove(tg_map_t *m, tg_value *key);
uint32_t tg_value_hash(tg_value *v);
tg_value *tg_value_get_str(tg_value *obj, const char *key);
const char *tg_type_name(tg_value *v);
tg_value *tg_value_shallow_copy(tg_value *v);

/* ---- numbers (number.c) ---- */
tg_value *tg_number_parse(const char *text, int32_t len, int32_t keep_text);
int32_t tg_number_valid_literal(const char *text, int32_t len);
int32_t tg_number_compare(tg_value *a, tg_value *b);
int32_t tg_number_to_i64(tg_value *v, int64_t *out); /* 1 if integral and fits */
int32_t tg_number_is_int(tg_value *v);
int32_t tg_number_sign(tg_value *v);
tg_value *tg_number_add(tg_value *a, tg_value *b);
tg_value *tg_number_sub(tg_value *a, tg_value *b);
tg_value *tg_number_mul(tg_value *a, tg_value *b);
/* Division; 0 when b is zero. */
tg_value *tg_number_div(tg_value *a, tg_value *b);
/* Truncated remainder of integers; 0 when b is zero or an operand is not integral. */
tg_value *tg_number_rem(tg_value *a, tg_value *b);
tg_value *tg_number_neg(tg_value *a);
/* mode: 0 floor, 1 ceil, 2 round half away from zero */
tg_value *tg_number_round(tg_value *a, int32_t mode);
uint32_t tg_number_hash(tg_value *v);
/* Writes the canonical text into the buffer (see strbuf). */
struct tg_strbuf;
void tg_number_format(struct tg_strbuf *sb, tg_value *v);
/* An integral number in base 2..16 (lowercase digits); 0 if not integral or absurdly large. */
int32_t tg_number_format_base(struct tg_strbuf *sb, tg_value *v, uint32_t base);

/* ---- text building (strbuf.c) ---- */
typedef struct tg_strbuf {
    char *buf;
    int32_t len;
    int32_t cap;
} tg_strbuf;
void tg_sb_init(tg_strbuf *sb, int32_t cap);
void tg_sb_reserve(tg_strbuf *sb, int32_t extra);
void tg_sb_putc(tg_strbuf *sb, char c);
void tg_sb_put(tg_strbuf *sb, const char *s, int32_t n);
void tg_sb_puts(tg_strbuf *sb, const char *s);
void tg_sb_put_i64(tg_strbuf *sb, int64_t v);
/* NUL-terminates and returns the buffer. */
char *tg_sb_cstr(tg_strbuf *sb);

/* ---- JSON / Rego value text (json_parse.c, json_dump.c) ---- */
tg_value *tg_parse_text(const char *text, int32_t len, int32_t rego_syntax);
/* Rego value syntax; strings without escapes point into `text`, which must outlive the value (opa_eval's
 * input stays below the heap for the whole evaluation). */
tg_value *tg_parse_borrowing(const char *text, int32_t len);
/* tg_parse_borrowing that builds only the members on `paths` (0 = everything); other members are checked, not built. */
tg_value *tg_parse_input(const char *text, int32_t len, const tg_input_node *paths);
/* rego_syntax: sets as {..}/set(); else JSON (sets as arrays, non-string keys as strings). */
void tg_dump_value(tg_strbuf *sb, tg_value *v, int32_t rego_syntax);
void tg_dump_json_string(tg_strbuf *sb, const char *s, int32_t len);
tg_value *opa_json_parse(const char *text, int32_t len);
tg_value *opa_value_parse(const char *text, int32_t len);
char *opa_json_dump(tg_value *v);
/* OPA's result set text for an evaluation's value (undefined = 0 gives the empty set). */
char *tg_dump_result_set(tg_value *v, int32_t rego_syntax);
char *opa_value_dump(tg_value *v);

/* ---- UTF-8 (utf8.c) ---- */
/* Decodes one code point at s[0..len); returns bytes consumed (>=1); invalid bytes give U+FFFD, 1. */
int32_t tg_utf8_decode(const char *s, int32_t len, uint32_t *cp);
int32_t tg_utf8_encode(uint32_t cp, char *out);
int32_t tg_utf8_count(const char *s, int32_t len);

/* ---- builtin errors (errors.c) ---- */
void tg_error_set(const char *code, const char *builtin, const char *msg);
void tg_error_operand_type(const char *builtin, int32_t operand, const char *want, tg_value *got);
void tg_error_msg(const char *builtin, const char *msg);
/* "operand N must be array of strings but got array containing number" */
void tg_error_element(const char *builtin, int32_t operand, tg_value *coll, const char *want, tg_value *elem);
/* Argument checks used by builtins: record the type error and return 0 on mismatch. */
int32_t tg_check_type(const char *builtin, int32_t operand, tg_value *v, int32_t type);

/* Raises a fatal error through the opa_abort import (natively: the test harness). */
void tg_abort(const char *msg);

/* ---- embedded data (abi.c) ---- */
extern tg_value *tg_embedded_data;

#endif
