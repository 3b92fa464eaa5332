#!/bin/sh
# Builds runtime/dist/tollgate-runtime.wasm from runtime/src. Reproducible: fixed flags, sorted
# inputs, no absolute paths in the output. Usage: runtime/build.sh [output.wasm]
set -eu
cd "$(dirname "$0")"
OUT="${1:-dist/tollgate-runtime.wasm}"
OBJ="$(mktemp -d)"
trap 'rm -rf "$OBJ"' EXIT

# -fno-jump-tables: switches become compare chains rather than br_table, which Cranelift (Wasmtime) turns
# into an indirect jump that mispredicts per token in the parser and per value in comparisons.
# mvp: no bulk-memory/sign-ext opcodes, so every wasm reader (including Tollgate's) handles it.
CFLAGS="--target=wasm32 -mcpu=mvp -O2 -fno-jump-tables -ffreestanding -nostdlib -fno-exceptions -fno-zero-initialized-in-bss -std=c11 \
  -Wall -Wextra -Werror -Wno-unused-parameter -ffile-prefix-map=$(pwd)=. -Iinclude"

# Link-time optimisation across the runtime's files: the hot paths (parsing, allocation, map lookups,
# comparisons) call small functions in other files, and Cranelift (Wasmtime) does not inline wasm calls,
# so clang must. Two files stay out of LTO: gen_stubs.c, whose bodies Tollgate's linker replaces (no
# caller may see or inline them), and mem.c, the memcpy/memset the compiler itself emits calls to.
objs=""
for src in $(ls src/*.c src/builtins/*.c 2>/dev/null | LC_ALL=C sort); do
  o="$OBJ/$(echo "$src" | tr '/' '_').o"
  case "$src" in
    src/gen_stubs.c|src/mem.c) clang-14 $CFLAGS -c "$src" -o "$o" ;;
    *) clang-14 $CFLAGS -flto -c "$src" -o "$o" ;;
  esac
  objs="$objs $o"
done
clang-14 --target=wasm32 -c src/abi_globals.s -o "$OBJ/abi_globals.o"

# -fno-zero-initialized-in-bss (above): no .bss, so wasm-ld adds no start function zeroing it
# with memory.fill. --no-check-features: wasm-ld 14 wrongly insists on mutable-globals for the immutable
# version globals. The stack comes first (128 KiB, enough for deep JSON) so an overflow traps
# instead of overwriting static data; static data follows it, then the heap. __data_end and
# __heap_base are exported so Tollgate's linker knows where generated data may go.
wasm-ld-14 --no-entry --import-memory --no-check-features -z stack-size=131072 --stack-first \
  --lto-O2 --export=__data_end --export=__heap_base -o "$OUT" "$OBJ/abi_globals.o" $objs
python3 tools/finish_module.py "$OUT"
wasm-validate "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
