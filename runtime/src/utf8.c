/* UTF-8 decoding and encoding; string builtins work on code points as OPA does. */
#include "tg_internal.h"

int32_t tg_utf8_decode(const char *s, int32_t len, uint32_t *cp)
{
    const uint8_t *u = (const uint8_t *)s;
    uint32_t c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int32_t need;
    uint32_t min;
    if ((c & 0xe0) == 0xc0) {
        need = 1;
        c &= 0x1f;
        min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        need = 2;
        c &= 0x0f;
        min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        need = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    if (need >= len) {
        *cp = 0xfffd;
        return 1;
    }
    for (int32_t i = 1; i <= need; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        *cp = 0xfffd;
        return 1;
    }
    *cp = c;
    return need + 1;
}

int32_t tg_utf8_encode(uint32_t cp, char *out)
{
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

int32_t tg_utf8_count(const char *s, int32_t len)
{
    int32_t n = 0;
    int32_t i = 0;
    while (i < len) {
        uint32_t cp;
        i += tg_utf8_decode(s + i, len - i, &cp);
        n++;
    }
    return n;
}
