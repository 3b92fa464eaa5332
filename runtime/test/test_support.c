/* Native backends for the runtime (arena, abort) and test helpers. */
#include <setjmp.h>
#include <stdlib.h>
#include "harness.h"

int tg_test_passed, tg_test_failed;

void *tg_native_arena(size_t size)
{
    void *p = malloc(size);
    if (!p) {
        fprintf(stderr, "cannot allocate test arena\n");
        exit(2);
    }
    return p;
}

const char *tg_test_last_abort;
jmp_buf *tg_test_abort_jump;

void tg_native_abort(const char *msg)
{
    tg_test_last_abort = msg;
    if (tg_test_abort_jump)
        longjmp(*tg_test_abort_jump, 1);
    fprintf(stderr, "opa_abort: %s\n", msg);
    abort();
}

/* Generated-code stand-ins are the real stubs in gen_stubs.c; tests that need an evaluation
 * define TG_TEST_EVAL hooks through this pointer instead. */

tg_value *J(const char *json)
{
    tg_value *v = opa_json_parse(json, (int32_t)strlen(json));
    if (!v) {
        fprintf(stderr, "test bug: invalid JSON %s\n", json);
        exit(2);
    }
    return v;
}

tg_value *R(const char *rego)
{
    tg_value *v = opa_value_parse(rego, (int32_t)strlen(rego));
    if (!v) {
        fprintf(stderr, "test bug: invalid Rego value %s\n", rego);
        exit(2);
    }
    return v;
}

const char *D(tg_value *v) { return v ? opa_json_dump(v) : "<undefined>"; }

const char *DR(tg_value *v) { return v ? opa_value_dump(v) : "<undefined>"; }

void tg_test_reset(void)
{
    extern void tg_native_heap_reset(void);
    tg_native_heap_reset();
    tg_builtin_error_clear();
}

char tg_test_printed[4096];

void tg_native_println(const char *line)
{
    strncpy(tg_test_printed, line, sizeof(tg_test_printed) - 1);
}
