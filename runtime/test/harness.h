/* A tiny test harness: each test file registers functions; main runs them and counts checks. */
#ifndef TG_TEST_HARNESS_H
#define TG_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>
#include "../src/tg_internal.h"

extern int tg_test_passed, tg_test_failed;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (cond) {                                                                       \
            tg_test_passed++;                                                             \
        } else {                                                                          \
            tg_test_failed++;                                                             \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                 \
    } while (0)

#define CHECK_STR(actual, expected)                                                       \
    do {                                                                                  \
        const char *a_ = (actual);                                                        \
        const char *e_ = (expected);                                                      \
        if (a_ && strcmp(a_, e_) == 0) {                                                  \
            tg_test_passed++;                                                             \
        } else {                                                                          \
            tg_test_failed++;                                                             \
            fprintf(stderr, "FAIL %s:%d: got %s, want %s\n", __FILE__, __LINE__,          \
                    a_ ? a_ : "(null)", e_);                                              \
        }                                                                                 \
    } while (0)

/* Helpers (test_support.c) */
tg_value *J(const char *json);  /* parse JSON, abort the test run if invalid */
tg_value *R(const char *rego);  /* parse Rego value syntax */
const char *D(tg_value *v);     /* JSON dump ("<undefined>" for 0) */
const char *DR(tg_value *v);    /* Rego value dump */
void tg_test_reset(void);       /* fresh heap, no pending builtin error */

#endif
