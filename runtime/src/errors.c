/*
 * Builtin error state. A builtin that fails returns 0 (undefined) and records the error here;
 * generated code in strict mode checks tg_builtin_error_pending() and raises it.
 * Messages follow OPA's wording: "<builtin>: operand <n> must be <type> but got <type>".
 */
#include "tg_internal.h"

static int32_t pending;
static const char *error_code = "";
static char message[512];

static int32_t append(int32_t at, const char *s)
{
    while (*s && at < (int32_t)sizeof(message) - 1)
        message[at++] = *s++;
    message[at] = 0;
    return at;
}

void tg_error_set(const char *code, const char *builtin, const char *msg)
{
    if (pending)
        return; /* keep the first error, as OPA reports the first failing call */
    pending = 1;
    error_code = code;
    int32_t at = 0;
    if (builtin && *builtin) {
        at = append(at, builtin);
        at = append(at, ": ");
    }
    append(at, msg);
}

void tg_error_msg(const char *builtin, const char *msg) { tg_error_set("eval_builtin_error", builtin, msg); }

void tg_error_operand_type(const char *builtin, int32_t operand, const char *want, tg_value *got)
{
    if (pending)
        return;
    char num[4] = {(char)('0' + operand % 10), 0, 0, 0};
    char text[200];
    int32_t at = 0;
    const char *parts[6] = {"operand ", num, " must be ", want, " but got ", tg_type_name(got)};
    for (int p = 0; p < 6; p++) {
        for (const char *s = parts[p]; *s && at < (int32_t)sizeof(text) - 1; s++)
            text[at++] = *s;
    }
    text[at] = 0;
    tg_error_set("eval_type_error", builtin, text);
}

void tg_error_element(const char *builtin, int32_t operand, tg_value *coll, const char *want, tg_value *elem)
{
    if (pending)
        return;
    char num[2] = {(char)('0' + operand % 10), 0};
    char text[200];
    int32_t at = 0;
    const char *parts[10] = {"operand ", num, " must be ", tg_type_name(coll), " of ", want, "s but got ",
                             tg_type_name(coll), " containing ", tg_type_name(elem)};
    for (int p = 0; p < 10; p++) {
        for (const char *s = parts[p]; *s && at < (int32_t)sizeof(text) - 1; s++)
            text[at++] = *s;
    }
    text[at] = 0;
    tg_error_set("eval_type_error", builtin, text);
}

int32_t tg_check_type(const char *builtin, int32_t operand, tg_value *v, int32_t type)
{
    if (v && v->type == type)
        return 1;
    static const char *names[8] = {"", "null", "boolean", "number", "string", "array", "object", "set"};
    tg_error_operand_type(builtin, operand, names[type], v);
    return 0;
}

TG_EXPORT("tg_builtin_error_pending") int32_t tg_builtin_error_pending(void) { return pending; }

TG_EXPORT("tg_builtin_error_message") const char *tg_builtin_error_message(void) { return message; }

TG_EXPORT("tg_builtin_error_code") const char *tg_builtin_error_code(void) { return error_code; }

TG_EXPORT("tg_builtin_error_clear") void tg_builtin_error_clear(void)
{
    pending = 0;
    error_code = "";
    message[0] = 0;
}
