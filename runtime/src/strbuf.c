/* Growable byte buffers on the heap, for dumps and string builtins. */
#include "tg_internal.h"

void tg_sb_init(tg_strbuf *sb, int32_t cap)
{
    if (cap < 16)
        cap = 16;
    sb->buf = (char *)tg_alloc((size_t)cap);
    sb->len = 0;
    sb->cap = cap;
}

void tg_sb_reserve(tg_strbuf *sb, int32_t extra)
{
    int64_t need = (int64_t)sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    int64_t cap = (int64_t)sb->cap * 2;
    if (cap < need)
        cap = need;
    if (cap > 0x7fffffff)
        tg_abort("string too large");
    char *nb = (char *)tg_alloc((size_t)cap);
    memcpy(nb, sb->buf, (size_t)sb->len);
    tg_release(sb->buf);
    sb->buf = nb;
    sb->cap = (int32_t)cap;
}

void tg_sb_putc(tg_strbuf *sb, char c)
{
    if (sb->len + 2 > sb->cap)
        tg_sb_reserve(sb, 1);
    sb->buf[sb->len++] = c;
}

void tg_sb_put(tg_strbuf *sb, const char *s, int32_t n)
{
    tg_sb_reserve(sb, n);
    memcpy(sb->buf + sb->len, s, (size_t)n);
    sb->len += n;
}

void tg_sb_puts(tg_strbuf *sb, const char *s) { tg_sb_put(sb, s, (int32_t)strlen(s)); }

void tg_sb_put_i64(tg_strbuf *sb, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[n++] = '-';
    tg_sb_reserve(sb, n);
    while (n)
        sb->buf[sb->len++] = tmp[--n];
}

char *tg_sb_cstr(tg_strbuf *sb)
{
    tg_sb_reserve(sb, 0);
    sb->buf[sb->len] = 0;
    return sb->buf;
}
