/*
 * CHANGES (runtime engineer; newest first):
 * - ADDED const tg_input_node *tg_gen_input_paths(int32_t ep) (see "input paths" below): the parts of the input
 *   an entrypoint can observe, so opa_eval builds only those. The stub returns 0 (build all of it). No existing
 *   name or signature changed.
 * - ADDED static constant values (see "static values" below): the code generator may place null, booleans
 *   and strings in static data and pass their addresses as tg_value*; the runtime never frees or changes
 *   them. opa_eval now returns 0 (no result) for input that is not a value, and the runtime exports
 *   tollgate_eval_checks_input() so a host can tell. No existing name or signature changed.
 * - ADDED void tg_print_values(tg_value *args): prints one line through opa_println (strings raw,
 *   other values as Rego terms, space-separated), for print(); the module now imports opa_println.
 * - ADDED int32_t tg_gen_heap_base(void): generated body returns the first free address after
 *   the generated static data (the heap starts there); the runtime's stub returns 0 = "use
 *   __heap_base". No existing name or signature changed.
 * - Builtins: every in-module builtin is exported as "tg.builtin.<OPA name>" (see README.md for
 *   the list). Generated code must clear nothing itself: opa_eval/eval clear the builtin error
 *   state at the start of each evaluation.
 *
 * The contract between Tollgate's code generator (src/Tollgate.Compiler/CodeGen) and the runtime library.
 *
 * Generated wasm functions call ONLY the functions below, which the runtime exports under the names given
 * here (export_name = the C name), plus the ABI imports (opa_abort, opa_builtin0..4, opa_println).
 * All pointers are i32 addresses in linear memory; tg_value* is opaque to the code generator.
 * 0 (NULL) as a tg_value* result means "undefined".
 *
 * Values are immutable once built EXCEPT while the generated code is constructing them (array append,
 * object insert, set add on a value it has just created). Values may live below the host's heap reset
 * point (the data document): no function here may allocate memory and link it into such a value.
 */
#ifndef TOLLGATE_CODEGEN_H
#define TOLLGATE_CODEGEN_H

#include <stdint.h>

typedef struct tg_value tg_value;

/* Type codes, as OPA's: returned by tg_value_type. */
#define TG_NULL    1
#define TG_BOOLEAN 2
#define TG_NUMBER  3
#define TG_STRING  4
#define TG_ARRAY   5
#define TG_OBJECT  6
#define TG_SET     7

/* ---- static values ----
 * Constant scalars may live in the module's static data instead of being built per evaluation. Layouts
 * (little-endian, 4-aligned; the runtime checks them at compile time):
 *   null:    u8 type = TG_NULL
 *   boolean: u8 type = TG_BOOLEAN, u8 value (0 or 1) at offset 1
 *   string:  u8 type = TG_STRING, i32 byte length at offset 4, i32 address of the UTF-8 bytes at offset 8
 * The runtime treats any value below the heap as read-only and never releases it.
 */

/* ---- input paths ----
 * An entrypoint whose code reads input only through constant string keys (input.user.role, never `input`
 * itself or input[x] with a variable x) observes only the members along those paths. tg_gen_input_paths
 * tells opa_eval which: the input is then built with only those object members (other members are still
 * checked to be valid syntax but not built), which the entrypoint cannot tell from the full input.
 * Layout in static data (little-endian, 4-aligned):
 *   node:   i32 count, then `count` members of 8 bytes, sorted by key in byte order, keys distinct:
 *   member: i32 address of a static string value (the key), i32 address of the node for the value's own
 *           members, or 0 when the value is observed whole (built in full).
 * The root node describes the input value itself. Values that are not objects are always built in full.
 */
typedef struct tg_input_node tg_input_node;

/* ---- construction ---- */
tg_value *tg_null(void);
tg_value *tg_boolean(int32_t b);
tg_value *tg_number_int(int64_t i);
/* A number from its literal text, exactly (big integers and decimals, e.g. "1e400", "0.1"). */
tg_value *tg_number_ref(const char *text, int32_t len);
/* A string; `utf8` points into static data and is NOT copied (it must outlive the value). */
tg_value *tg_string(const char *utf8, int32_t len);
tg_value *tg_array(int32_t capacity);
void tg_array_append(tg_value *array, tg_value *v);
tg_value *tg_object(void);
/* Insert or overwrite. */
void tg_object_insert(tg_value *object, tg_value *key, tg_value *v);
/* Insert; if the key exists with an EQUAL value do nothing and return 0, with a DIFFERENT value
 * return 1 (the caller reports "object insert conflict" / "var assignment conflict"). */
int32_t tg_object_insert_unique(tg_value *object, tg_value *key, tg_value *v);
tg_value *tg_set(void);
void tg_set_add(tg_value *set, tg_value *v);

/* ---- inspection ---- */
int32_t tg_value_type(tg_value *v);
/* 1 if v is the boolean false, else 0 (an expression is satisfied unless undefined or false). */
int32_t tg_value_is_false(tg_value *v);
/* Array index (number key, integral, in range), object lookup, set membership (returns the element). */
tg_value *tg_value_get(tg_value *v, tg_value *key);
/* Elements of an array/object/set; 0 for scalars. Strings: 0 (use builtins for string length). */
int32_t tg_value_length(tg_value *v);
/* Position-based iteration in OPA's order: arrays by index, objects by sorted key, sets sorted.
 * 0 <= i < tg_value_length(v). For arrays the key is the index as a number; for sets key == value. */
tg_value *tg_iter_key(tg_value *v, int32_t i);
tg_value *tg_iter_value(tg_value *v, int32_t i);
/* OPA's total order: null < boolean < number < string < array < object < set. Returns <0, 0, >0. */
int32_t tg_value_compare(tg_value *a, tg_value *b);
int32_t tg_value_equal(tg_value *a, tg_value *b);

/* ---- documents ---- */
/* Deep merge of two objects (b wins on scalar conflicts); returns a new value, inputs unchanged. */
tg_value *tg_value_merge(tg_value *a, tg_value *b);
/* Copy-on-write: a value equal to `base` with `path` (an array of keys) set to `v`; objects created
 * along the path as needed. Used for `with data.a.b as v` and `with input.x as v`. */
tg_value *tg_value_upsert_path(tg_value *base, tg_value *path, tg_value *v);

/* ---- errors ---- */
/* Runtime errors raised by generated code go through the ABI import opa_abort("file:row:col: msg"). */
/* Builtins return 0 (undefined) on error and record it; strict mode checks and raises it. The check
 * must run BEFORE branching on the undefined result: the error case IS the undefined result. */
int32_t tg_builtin_error_pending(void);
const char *tg_builtin_error_message(void); /* NUL-terminated, e.g. "div: divide by zero" */
const char *tg_builtin_error_code(void);    /* "eval_builtin_error" or "eval_type_error" */
void tg_builtin_error_clear(void);

/* ---- print ---- */
/* `args` is an array of the printed values (undefined already replaced by "<undefined>"). */
void tg_print_values(tg_value *args);

/* ---- builtins implemented inside the module ----
 * Each in-module builtin is a function taking its arguments as tg_value* and returning tg_value*
 * (0 = undefined), exported under the name "tg.builtin.<OPA name>", for example
 * "tg.builtin.plus", "tg.builtin.count", "tg.builtin.object.get", "tg.builtin.internal.member_2".
 * The code generator discovers them from the runtime's exports: a builtin the runtime does not export
 * is called through opa_builtinN and listed by the module's builtins() export for the host to supply.
 * Operators use OPA's builtin names: plus minus mul div rem equal neq lt lte gt gte and or (sets)
 * internal.member_2 internal.member_3; eq/assign are compiled by the code generator itself.
 */

/* ---- functions the code generator supplies (the linker replaces these stubs' bodies) ----
 * The runtime defines them as exported, non-inlined stubs in gen_stubs.c.
 */
/* Evaluate entrypoint `ep`; returns its value or 0 if undefined. */
tg_value *tg_gen_eval(int32_t ep, tg_value *input, tg_value *data);
/* NUL-terminated JSON text of the entrypoints() object, e.g. {"tenant/authz/allow":0}. */
const char *tg_gen_entrypoints_json(void);
/* NUL-terminated JSON text of the builtins() object (host builtins only), e.g. {"time.now_ns":0}. */
const char *tg_gen_builtins_json(void);
/* Data compiled into the module (JSON text) and its length; 0/0 when none. */
const char *tg_gen_embedded_data(void);
int32_t tg_gen_embedded_data_len(void);
/* The input paths of entrypoint `ep` (see "input paths"), or 0: the entrypoint may observe all of the input. */
const tg_input_node *tg_gen_input_paths(int32_t ep);
/* First free address after the generated static data (8-aligned or not: the runtime aligns);
 * 0 means "use the linker's __heap_base". */
int32_t tg_gen_heap_base(void);

#endif
