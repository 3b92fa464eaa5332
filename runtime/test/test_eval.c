/*
 * Evaluation through the ABI with a stand-in for generated code (this file replaces
 * src/gen_stubs.c in the test binary): entrypoint 0 returns input.x + data.y (and declares input.x as its only
 * input path), entrypoint 1 the whole data document, entrypoint 2 is undefined. Also embedded data and its merge.
 */
#include "harness.h"

uint32_t opa_heap_ptr_get(void);
char *opa_eval(int32_t, int32_t, tg_value *, const char *, int32_t, uint32_t, int32_t);
tg_value *builtins(void);
tg_value *entrypoints(void);
void *opa_eval_ctx_new(void);
void opa_eval_ctx_set_input(void *, tg_value *);
void opa_eval_ctx_set_data(void *, tg_value *);
void opa_eval_ctx_set_entrypoint(void *, int32_t);
tg_value *opa_eval_ctx_get_result(void *);
int32_t eval(void *);
tg_value *tg_builtin_plus(tg_value *, tg_value *);
extern void tg_native_heap_reset(void);

static const char *embedded = "";

tg_value *tg_gen_eval(int32_t ep, tg_value *input, tg_value *data)
{
    if (ep == 0)
        return tg_builtin_plus(tg_value_get_str(input, "x"), tg_value_get_str(data, "y"));
    if (ep == 1)
        return data;
    return 0;
}

const char *tg_gen_entrypoints_json(void) { return "{\"t/sum\":0,\"t/data\":1,\"t/none\":2}"; }
const char *tg_gen_builtins_json(void) { return "{\"time.now_ns\":0}"; }
const char *tg_gen_embedded_data(void) { return embedded; }
int32_t tg_gen_embedded_data_len(void) { return (int32_t)strlen(embedded); }
int32_t tg_gen_heap_base(void) { return 0; }

static tg_string_t x_key = {TG_STRING, 1, "x"};
static struct {
    int32_t count;
    tg_input_member members[1];
} x_path = {1, {{&x_key, 0}}};

const tg_input_node *tg_gen_input_paths(int32_t ep) { return ep == 0 ? (const tg_input_node *)&x_path : 0; }

static const char *run(int32_t ep, tg_value *data, const char *input, int32_t format)
{
    return opa_eval(0, ep, data, input, (int32_t)strlen(input), opa_heap_ptr_get(), format);
}

void test_eval(void)
{
    CHECK_STR(D(entrypoints()), "{\"t/data\":1,\"t/none\":2,\"t/sum\":0}");
    CHECK_STR(D(builtins()), "{\"time.now_ns\":0}");
    tg_value *data = J("{\"y\": 12345678901234567890}");
    CHECK_STR(run(0, data, "{\"x\": 1}", 0), "[{\"result\":12345678901234567891}]");
    /* Entrypoint 0 builds only input.x; other members are still checked. */
    CHECK_STR(run(0, data, "{\"w\": {\"a\": [true]}, \"x\": 1, \"z\": \"s\"}", 0), "[{\"result\":12345678901234567891}]");
    CHECK(run(0, data, "{\"x\": 1, \"z\": [tru]}", 0) == 0);
    CHECK_STR(run(2, data, "{}", 0), "[]");
    CHECK_STR(run(1, J("{\"s\":[1]}"), "{}", 1), "{{\"result\":{\"s\":[1]}}}");
    /* Type errors inside a builtin leave the result undefined and the error recorded... */
    CHECK_STR(run(0, data, "{\"x\": \"a\"}", 0), "[]");
    CHECK(tg_builtin_error_pending());
    /* ...and the next evaluation starts clean. */
    CHECK_STR(run(0, data, "{\"x\": 2}", 0), "[{\"result\":12345678901234567892}]");
    CHECK(!tg_builtin_error_pending());
    /* Input in Rego value syntax (sets) is accepted. */
    CHECK_STR(run(1, J("{}"), "{\"a\": {1}}", 0), "[{\"result\":{}}]");
    /* Input that is no value gives no result (0) rather than an abort, so the host can report bad input
     * without a validation pass of its own (tollgate_eval_checks_input); the next evaluation works. */
    CHECK(run(0, data, "{\"x\": 1", 0) == 0);
    CHECK(run(0, data, "{\"x\": 1}}", 0) == 0);
    CHECK(run(0, data, "\"abc", 1) == 0);
    CHECK_STR(run(0, data, "{\"x\": 1}", 0), "[{\"result\":12345678901234567891}]");
    /* Result values of every shape are written as the dumped result set would be. */
    CHECK_STR(run(1, J("{\"s\":[\"<a>\", null, true, 1.5, {\"k\": []}]}"), "{}", 0),
              "[{\"result\":{\"s\":[\"\\u003ca\\u003e\",null,true,1.5,{\"k\":[]}]}}]");

    /* 1.0 path. */
    void *ctx = opa_eval_ctx_new();
    opa_eval_ctx_set_input(ctx, J("{\"x\": 0.5}"));
    opa_eval_ctx_set_data(ctx, J("{\"y\": 0.25}"));
    opa_eval_ctx_set_entrypoint(ctx, 0);
    CHECK(eval(ctx) == 0);
    CHECK_STR(D(opa_eval_ctx_get_result(ctx)), "[{\"result\":0.75}]");

    /* Embedded data: parsed at heap initialization (below any reset point), used alone when the
     * host's data is empty, merged under the host's data otherwise. */
    embedded = "{\"y\": 1, \"nested\": {\"a\": 1, \"b\": 2}}";
    tg_native_heap_reset();
    uint32_t start = opa_heap_ptr_get();
    CHECK(tg_embedded_data != 0);
    CHECK_STR(run(0, J("{}"), "{\"x\": 1}", 0), "[{\"result\":2}]");
    CHECK_STR(run(0, 0, "{\"x\": 1}", 0), "[{\"result\":2}]");
    CHECK_STR(run(1, J("{\"nested\": {\"b\": 3}, \"z\": true}"), "{}", 0),
              "[{\"result\":{\"nested\":{\"a\":1,\"b\":3},\"y\":1,\"z\":true}}]");
    CHECK_STR(D(tg_embedded_data), "{\"nested\":{\"a\":1,\"b\":2},\"y\":1}");
    CHECK(start > 64);
    embedded = "";
    tg_native_heap_reset();
    tg_embedded_data = 0;
}
