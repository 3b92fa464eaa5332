/* Runs every test group; the last line is "N passed, N failed" (read by runtime/test.sh). */
#include "harness.h"

#define GROUPS(X) X(json) X(numbers) X(values) X(operators) X(builtins) X(collections) X(net) X(abi) X(eval) X(print) X(template_string) X(order) X(bigdiff) X(input_paths)
#define DECLARE(name) void test_##name(void);
GROUPS(DECLARE)

int main(void)
{
#define RUN(name)            \
    tg_test_reset();         \
    test_##name();
    GROUPS(RUN)
    printf("%d passed, %d failed\n", tg_test_passed, tg_test_failed);
    return tg_test_failed ? 1 : 0;
}
