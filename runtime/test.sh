#!/bin/sh
# Native tests of the runtime: gcc with AddressSanitizer and UBSan against the same sources
# (native allocator backend), then a short deterministic fuzz run of the parsers.
# The last line is "N passed, N failed"; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")"
BIN="$(mktemp -d)"
trap 'rm -rf "$BIN"' EXIT
SRCS="$(ls src/*.c src/builtins/*.c | grep -v 'src/mem.c' | LC_ALL=C sort)"
CFLAGS="-std=c11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -fsanitize=address,undefined \
  -fno-sanitize-recover=all -fno-omit-frame-pointer -Iinclude"
# The test binary brings its own stand-in for generated code (test/test_eval.c).
gcc $CFLAGS -o "$BIN/tests" $(echo "$SRCS" | grep -v 'src/gen_stubs.c') test/test_*.c
gcc $CFLAGS -DTG_FUZZ_MAIN -o "$BIN/fuzz" $SRCS test/fuzz_json.c test/test_support.c
gcc $CFLAGS -DTG_FUZZ_MAIN -o "$BIN/fuzz_builtins" $SRCS test/fuzz_builtins.c test/test_support.c

fuzz_passed=0
fuzz_failed=0
if "$BIN/fuzz" 2; then fuzz_passed=$((fuzz_passed + 1)); else fuzz_failed=$((fuzz_failed + 1)); fi
if "$BIN/fuzz_builtins" 1; then fuzz_passed=$((fuzz_passed + 1)); else fuzz_failed=$((fuzz_failed + 1)); fi

set +e
"$BIN/tests" > "$BIN/out.txt"
status=$?
set -e
summary="$(tail -n 1 "$BIN/out.txt")"
passed=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
failed=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$passed" ]; then passed=0; failed=1; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
passed=$((passed + fuzz_passed))
failed=$((failed + fuzz_failed))

# The committed module itself, loaded the way OPA's JS SDK loads it.
if command -v node >/dev/null 2>&1; then
  set +e
  node test/wasm_smoke.mjs > "$BIN/wasm.txt"
  set -e
  wsum="$(tail -n 1 "$BIN/wasm.txt")"
  wp=$(echo "$wsum" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  wf=$(echo "$wsum" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$wp" ]; then wp=0; wf=1; fi
  passed=$((passed + wp))
  failed=$((failed + wf))
else
  echo "node not found: skipping the wasm smoke test" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
