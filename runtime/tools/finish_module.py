#!/usr/bin/env python3
"""Final touches wasm-ld 14 cannot make, applied to the linked runtime module in place:
- sets the initial values of the immutable ABI version globals (assembly cannot give a wasm
  global an initializer, so they are linked as i32.const 0 and patched here);
- exports the imported memory as "memory" (ABI 1.1), which wasm-ld 14 has no flag for.
Deterministic: the same input bytes always give the same output bytes."""
import sys

GLOBAL_VALUES = {"opa_wasm_abi_version": 1, "opa_wasm_abi_minor_version": 3}


def uleb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def enc_uleb(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sections(buf):
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = uleb(buf, pos + 1)
        yield sid, pos, body, body + size
        pos = body + size


def read_exports(buf, start):
    count, pos = uleb(buf, start)
    out = []
    for _ in range(count):
        n, pos = uleb(buf, pos)
        name = bytes(buf[pos:pos + n]).decode()
        pos += n
        kind = buf[pos]
        idx, pos = uleb(buf, pos + 1)
        out.append((name, kind, idx))
    return out


def imported_globals(buf, start):
    count, pos = uleb(buf, start)
    globals_ = 0
    for _ in range(count):
        for _ in range(2):
            n, pos = uleb(buf, pos)
            pos += n
        kind = buf[pos]
        pos += 1
        if kind == 0:
            _, pos = uleb(buf, pos)
        elif kind == 1:
            pos += 1
            flags, pos = uleb(buf, pos)
            _, pos = uleb(buf, pos)
            if flags & 1:
                _, pos = uleb(buf, pos)
        elif kind == 2:
            flags, pos = uleb(buf, pos)
            _, pos = uleb(buf, pos)
            if flags & 1:
                _, pos = uleb(buf, pos)
        elif kind == 3:
            pos += 2
            globals_ += 1
    return globals_


def main(path):
    buf = bytearray(open(path, "rb").read())
    secs = list(sections(buf))
    imports = next((s for s in secs if s[0] == 2), None)
    n_imported = imported_globals(buf, imports[2]) if imports else 0
    exports_sec = next(s for s in secs if s[0] == 7)
    exports = read_exports(buf, exports_sec[2])
    wanted = {idx: GLOBAL_VALUES[name] for name, kind, idx in exports if kind == 3 and name in GLOBAL_VALUES}
    if len(wanted) != len(GLOBAL_VALUES):
        sys.exit("finish_module: ABI version globals are not exported")
    glob = next(s for s in secs if s[0] == 6)
    count, pos = uleb(buf, glob[2])
    for i in range(count):
        pos += 2  # value type, mutability
        index = n_imported + i
        if buf[pos] != 0x41:
            sys.exit("finish_module: unexpected global initializer")
        if index in wanted:
            if buf[pos + 1] != 0x00 or buf[pos + 2] != 0x0B:
                sys.exit("finish_module: version global already initialized")
            buf[pos + 1] = wanted[index]  # < 64: one-byte signed LEB
        pos += 1
        while buf[pos] & 0x80:
            pos += 1
        pos += 2  # last LEB byte, end
    if not any(kind == 2 for _, kind, _ in exports):
        _, start, body, end = exports_sec
        count, first = uleb(buf, body)
        entries = bytes(buf[first:end]) + enc_uleb(len(b"memory")) + b"memory" + b"\x02\x00"
        payload = enc_uleb(count + 1) + entries
        buf[start:end] = b"\x07" + enc_uleb(len(payload)) + payload
    open(path, "wb").write(bytes(buf))


if __name__ == "__main__":
    main(sys.argv[1])
