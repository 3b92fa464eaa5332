/*
 * The OPA wasm ABI surface: evaluation contexts (1.0), the single-call opa_eval (1.2),
 * builtins()/entrypoints(), data patching and value freeing. See shared/design/OPA-WASM-ABI.md.
 */
#include "tg_internal.h"

tg_value *tg_embedded_data;

typedef struct {
    tg_value *input;
    tg_value *data;
    tg_value *result;
    int32_t entrypoint;
} tg_eval_ctx;

#ifdef TG_WASM
__attribute__((import_module("env"), import_name("opa_abort"))) void opa_abort_import(const char *msg);

void tg_abort(const char *msg)
{
    opa_abort_import(msg);
    __builtin_unreachable();
}
#else
extern void tg_native_abort(const char *msg);
void tg_abort(const char *msg) { tg_native_abort(msg); }
#endif

/* Called once from the allocator's initialization, so the tree lands at the heap bottom. */
void tg_embedded_data_init(void)
{
    int32_t len = tg_gen_embedded_data_len();
    if (len <= 0)
        return;
    tg_embedded_data = tg_parse_text(tg_gen_embedded_data(), len, 0);
    if (!tg_embedded_data)
        tg_abort("embedded data is not valid JSON");
}

/* The data document an evaluation sees: the host's data layered over the embedded data. */
static tg_value *effective_data(tg_value *data)
{
    if (!tg_embedded_data)
        return data ? data : tg_object();
    if (!data || (data->type == TG_OBJECT && ((tg_map_t *)data)->len == 0))
        return tg_embedded_data;
    return tg_value_merge(tg_embedded_data, data);
}

/* Evaluates and wraps the value as OPA's result set {{"result": v}} (empty when undefined). */
static tg_value *evaluate(int32_t entrypoint, tg_value *input, tg_value *data)
{
    tg_builtin_error_clear();
    tg_value *v = tg_gen_eval(entrypoint, input, effective_data(data));
    tg_value *rs = tg_set();
    if (v) {
        tg_value *binding = tg_object();
        tg_object_insert(binding, tg_string("result", 6), v);
        tg_set_add(rs, binding);
    }
    return rs;
}

TG_EXPORT("opa_eval_ctx_new") tg_eval_ctx *opa_eval_ctx_new(void)
{
    tg_eval_ctx *ctx = (tg_eval_ctx *)tg_alloc(sizeof(tg_eval_ctx));
    ctx->input = 0;
    ctx->data = 0;
    ctx->result = 0;
    ctx->entrypoint = 0;
    return ctx;
}

TG_EXPORT("opa_eval_ctx_set_input") void opa_eval_ctx_set_input(tg_eval_ctx *ctx, tg_value *v) { ctx->input = v; }

TG_EXPORT("opa_eval_ctx_set_data") void opa_eval_ctx_set_data(tg_eval_ctx *ctx, tg_value *v) { ctx->data = v; }

TG_EXPORT("opa_eval_ctx_set_entrypoint") void opa_eval_ctx_set_entrypoint(tg_eval_ctx *ctx, int32_t ep)
{
    ctx->entrypoint = ep;
}

TG_EXPORT("opa_eval_ctx_get_result") tg_value *opa_eval_ctx_get_result(tg_eval_ctx *ctx) { return ctx->result; }

TG_EXPORT("eval") int32_t eval(tg_eval_ctx *ctx)
{
    ctx->result = evaluate(ctx->entrypoint, ctx->input, ctx->data);
    return 0;
}

extern void opa_heap_ptr_set(uint32_t addr);

/* Tells a host that opa_eval returns 0 for input that is not a valid value (instead of aborting), so the
 * host may leave input validation to the module's own parser and skip a scan of its own. */
TG_EXPORT("tollgate_eval_checks_input") int32_t tollgate_eval_checks_input(void) { return 1; }

TG_EXPORT("opa_eval")
char *opa_eval(int32_t reserved, int32_t entrypoint, tg_value *data, const char *input, int32_t input_len,
               uint32_t heap, int32_t format)
{
    (void)reserved;
    opa_heap_ptr_set(heap);
    tg_value *in = 0;
    if (input && input_len > 0) {
        /* The input text lies below `heap`, untouched until the next evaluation: its strings need no copy.
         * Only the members the entrypoint can observe are built (tollgate_codegen.h, "input paths"). */
        in = tg_parse_input(input, input_len, tg_gen_input_paths(entrypoint));
        if (!in)
            return 0; /* not a value: the host reports bad input; nothing was evaluated */
    }
    tg_builtin_error_clear();
    tg_value *v = tg_gen_eval(entrypoint, in, effective_data(data));
    /* The result set is written straight out: no set/object is built just to be dumped. */
    return tg_dump_result_set(v, format == 1);
}

static tg_value *parse_catalogue(const char *json)
{
    tg_value *v = json ? tg_parse_text(json, (int32_t)strlen(json), 0) : 0;
    return v ? v : tg_object();
}

TG_EXPORT("builtins") tg_value *builtins(void) { return parse_catalogue(tg_gen_builtins_json()); }

TG_EXPORT("entrypoints") tg_value *entrypoints(void) { return parse_catalogue(tg_gen_entrypoints_json()); }

#define TG_ERR_OK 0
#define TG_ERR_INTERNAL 1
#define TG_ERR_INVALID_TYPE 2
#define TG_ERR_INVALID_PATH 3

/* Sets data[path...] = v in place (the host patches its data document between evaluations),
 * creating objects along the path. */
TG_EXPORT("opa_value_add_path") int32_t opa_value_add_path(tg_value *base, tg_value *path, tg_value *v)
{
    if (!base || !path || !v)
        return TG_ERR_INTERNAL;
    if (path->type != TG_ARRAY || base->type != TG_OBJECT)
        return TG_ERR_INVALID_TYPE;
    tg_array_t *p = (tg_array_t *)path;
    if (p->len == 0)
        return TG_ERR_INVALID_PATH;
    tg_value *cur = base;
    for (int32_t i = 0; i < p->len - 1; i++) {
        tg_value *next = tg_value_get(cur, p->elems[i]);
        if (!next) {
            next = tg_object();
            tg_object_insert(cur, p->elems[i], next);
        } else if (next->type != TG_OBJECT) {
            return TG_ERR_INVALID_PATH;
        }
        cur = next;
    }
    tg_object_insert(cur, p->elems[p->len - 1], v);
    return TG_ERR_OK;
}

TG_EXPORT("opa_value_remove_path") int32_t opa_value_remove_path(tg_value *base, tg_value *path)
{
    if (!base || !path)
        return TG_ERR_INTERNAL;
    if (path->type != TG_ARRAY || base->type != TG_OBJECT)
        return TG_ERR_INVALID_TYPE;
    tg_array_t *p = (tg_array_t *)path;
    if (p->len == 0)
        return TG_ERR_INVALID_PATH;
    tg_value *cur = base;
    for (int32_t i = 0; i < p->len - 1; i++) {
        cur = tg_value_get(cur, p->elems[i]);
        if (!cur || cur->type != TG_OBJECT)
            return TG_ERR_INVALID_PATH;
    }
    return tg_map_remove((tg_map_t *)cur, p->elems[p->len - 1]) ? TG_ERR_OK : TG_ERR_INVALID_PATH;
}

/* Frees a value's own memory but not its children: values share children freely (object.union,
 * merge, upsert), so a recursive free could release memory still in use. */
TG_EXPORT("opa_value_free") void opa_value_free(tg_value *v)
{
    if (!v)
        return;
    switch (v->type) {
    case TG_ARRAY:
        tg_release(((tg_array_t *)v)->elems);
        break;
    case TG_OBJECT:
    case TG_SET: {
        tg_map_t *m = (tg_map_t *)v;
        tg_release(m->entries);
        tg_release(m->buckets);
        break;
    }
    default:
        break;
    }
    if (v->type != TG_NULL && v->type != TG_BOOLEAN)
        tg_release(v);
}
