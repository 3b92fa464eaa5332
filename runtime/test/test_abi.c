/* The ABI surface: heap pointer, eval contexts, opa_eval, add/remove path. */
#include "harness.h"

uint32_t opa_heap_ptr_get(void);
void opa_heap_ptr_set(uint32_t);
char *opa_eval(int32_t, int32_t, tg_value *, const char *, int32_t, uint32_t, int32_t);
tg_value *builtins(void);
tg_value *entrypoints(void);
int32_t opa_value_add_path(tg_value *, tg_value *, tg_value *);
int32_t opa_value_remove_path(tg_value *, tg_value *);
void opa_value_free(tg_value *);

void test_abi(void)
{
    /* Heap reset: allocations after the reset point reuse the same memory. */
    tg_value *data = J("{\"a\":{\"b\":1}}");
    uint32_t mark = opa_heap_ptr_get();
    tg_value *tmp = J("[1,2,3]");
    CHECK(opa_heap_ptr_get() > mark);
    opa_heap_ptr_set(mark);
    CHECK(opa_heap_ptr_get() == mark);
    tg_value *again = J("[4,5,6]");
    CHECK(again == tmp);
    CHECK_STR(D(data), "{\"a\":{\"b\":1}}");

    /* Free lists are dropped on reset, so a freed block above the mark is not reused later. */
    void *p = opa_malloc(24);
    void *q = opa_malloc(24);
    opa_free(p);
    opa_heap_ptr_set(mark);
    CHECK(opa_malloc(24) != p || (uint8_t *)p == (uint8_t *)again + 0); /* p may coincide only via bump */
    (void)q;

    /* An undefined result (test_eval.c's entrypoint 2). */
    const char *input = "{\"x\": {1,2}}";
    char *out = opa_eval(0, 2, data, input, (int32_t)strlen(input), opa_heap_ptr_get(), 0);
    CHECK_STR(out, "[]");
    out = opa_eval(0, 2, data, input, (int32_t)strlen(input), opa_heap_ptr_get(), 1);
    CHECK_STR(out, "set()");

    /* add_path / remove_path. */
    tg_value *doc = J("{\"a\":{\"b\":1},\"s\":\"x\"}");
    CHECK(opa_value_add_path(doc, J("[\"a\",\"c\"]"), J("2")) == 0);
    CHECK(opa_value_add_path(doc, J("[\"n\",\"m\",\"o\"]"), J("true")) == 0);
    CHECK_STR(D(doc), "{\"a\":{\"b\":1,\"c\":2},\"n\":{\"m\":{\"o\":true}},\"s\":\"x\"}");
    CHECK(opa_value_add_path(doc, J("[\"s\",\"t\"]"), J("1")) == 3);
    CHECK(opa_value_add_path(doc, J("[]"), J("1")) == 3);
    CHECK(opa_value_add_path(doc, J("\"a\""), J("1")) == 2);
    CHECK(opa_value_remove_path(doc, J("[\"a\",\"b\"]")) == 0);
    CHECK(opa_value_remove_path(doc, J("[\"a\",\"zz\"]")) == 3);
    CHECK(opa_value_remove_path(doc, J("[\"n\"]")) == 0);
    CHECK_STR(D(doc), "{\"a\":{\"c\":2},\"s\":\"x\"}");
    opa_value_free(J("{\"a\":[1,2]}"));
    opa_value_free(tg_null());
}
