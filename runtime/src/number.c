/*
 * Rego numbers, exact. Small integers take an int64 fast path; everything else is a decimal
 * coef * 10^exp (bigint.c). Addition, subtraction and multiplication are exact; division of
 * non-divisible operands keeps TG_DIV_DIGITS significant digits (OPA itself computes with
 * big floats, so results agree to far beyond float64 precision).
 */
#include "bigint.h"

#define TG_DIV_DIGITS 20
/* Exponent alignment beyond this many digits treats the smaller operand as negligible
 * (OPA's big floats do the same at 64-bit precision), keeping memory bounded for 1e1000000. */
#define TG_ALIGN_LIMIT 4000
#define TG_EXP_LIMIT 1000000000

typedef struct {
    int neg;
    tg_mag mag;
    int64_t exp;
} tg_dec;

static tg_number_t *number_alloc(void)
{
    tg_number_t *n = (tg_number_t *)tg_alloc(sizeof(tg_number_t));
    memset(n, 0, sizeof(*n));
    n->type = TG_NUMBER;
    return n;
}

/* Shared immutable small integers (array indexes, counters) in static memory: scans and
 * arithmetic on them allocate nothing, and static memory never dies with a heap reset. */
#define TG_SMALL_INTS 64
static tg_number_t small_ints[TG_SMALL_INTS];

TG_EXPORT("tg_number_int") tg_value *tg_number_int(int64_t i)
{
    if (i >= 0 && i < TG_SMALL_INTS) {
        tg_number_t *s = &small_ints[i];
        if (!s->type) {
            s->type = TG_NUMBER;
            s->kind = TG_NUM_INT;
            s->i = i;
        }
        return (tg_value *)s;
    }
    tg_number_t *n = number_alloc();
    n->kind = TG_NUM_INT;
    n->i = i;
    return (tg_value *)n;
}

static tg_dec to_dec(tg_value *v)
{
    tg_number_t *n = (tg_number_t *)v;
    tg_dec d;
    if (n->kind == TG_NUM_INT) {
        d.neg = n->i < 0;
        d.mag = tg_mag_from_u64(n->i < 0 ? (uint64_t)0 - (uint64_t)n->i : (uint64_t)n->i);
        d.exp = 0;
    } else {
        d.neg = n->neg;
        d.mag.d = n->limbs;
        d.mag.n = n->n;
        d.exp = n->exp;
    }
    return d;
}

/* Builds the canonical number for neg * mag * 10^exp. */
static tg_value *from_dec(tg_dec d)
{
    if (d.mag.n == 0)
        return tg_number_int(0);
    d.exp += tg_mag_strip_zeros(&d.mag, 0x7fffffff);
    if (d.exp > TG_EXP_LIMIT)
        d.exp = TG_EXP_LIMIT;
    if (d.exp < -TG_EXP_LIMIT) /* vanishingly small: zero, as a float would underflow */
        return tg_number_int(0);
    if (d.exp >= 0 && d.exp < 19 && tg_mag_digits(d.mag) + d.exp <= 19) {
        uint64_t u;
        if (tg_mag_to_u64(d.mag, &u)) {
            for (int64_t i = 0; i < d.exp; i++)
                u *= 10;
            if (!d.neg && u <= (uint64_t)INT64_MAX)
                return tg_number_int((int64_t)u);
            if (d.neg && u <= (uint64_t)INT64_MAX + 1)
                return tg_number_int((int64_t)(0 - u));
        }
    }
    tg_number_t *n = number_alloc();
    n->kind = TG_NUM_DEC;
    n->neg = (uint8_t)d.neg;
    n->exp = (int32_t)d.exp;
    n->n = d.mag.n;
    n->limbs = d.mag.d;
    return (tg_value *)n;
}

int32_t tg_number_valid_literal(const char *s, int32_t len)
{
    int32_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    if (i >= len)
        return 0;
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
    } else {
        return 0;
    }
    if (i < len && s[i] == '.') {
        i++;
        int32_t start = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        int32_t start = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return 0;
    }
    return i == len;
}

/* keep_text: 0 none, 1 copy the literal, 2 reference it (static data). The literal must be
 * valid (tg_number_valid_literal). */
tg_value *tg_number_parse(const char *s, int32_t len, int32_t keep_text)
{
    int32_t i = 0;
    int neg = 0;
    if (s[0] == '-') {
        neg = 1;
        i = 1;
    }
    /* Fast path: plain integers of up to 18 digits. */
    if (len - i <= 18) {
        int64_t v = 0;
        int32_t j = i;
        while (j < len && s[j] >= '0' && s[j] <= '9')
            v = v * 10 + (s[j++] - '0');
        if (j == len && !(neg && v == 0))
            return tg_number_int(neg ? -v : v);
    }
    /* General path: collect significant digits of integer and fraction parts. */
    char small[64];
    char *digits = len <= (int32_t)sizeof(small) ? small : (char *)tg_alloc((size_t)len);
    int32_t nd = 0;
    int64_t exp = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (nd || s[i] != '0')
            digits[nd++] = s[i];
        i++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (nd || s[i] != '0')
                digits[nd++] = s[i];
            exp--;
            i++;
        }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (s[i] == '+' || s[i] == '-')
            eneg = s[i++] == '-';
        int64_t e = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (e < 10LL * TG_EXP_LIMIT)
                e = e * 10 + (s[i] - '0');
            i++;
        }
        exp += eneg ? -e : e;
    }
    tg_dec d;
    d.neg = neg;
    d.mag = tg_mag_from_digits(digits, nd);
    d.exp = exp;
    tg_number_t *n = (tg_number_t *)from_dec(d);
    if (keep_text && n >= small_ints && n < small_ints + TG_SMALL_INTS) {
        /* Never attach a literal to a shared small integer: use a private copy. */
        tg_number_t *own = number_alloc();
        *own = *n;
        n = own;
    }
    if (keep_text == 1) {
        /* Keep the literal only when it differs from the canonical text ("1.50", "1e3"): most
         * data numbers are canonical, and data documents stay resident per tenant. */
        tg_strbuf canon;
        tg_sb_init(&canon, 32);
        tg_number_format(&canon, (tg_value *)n);
        int32_t same = canon.len == len && memcmp(canon.buf, s, (size_t)len) == 0;
        tg_release(canon.buf);
        if (same)
            return (tg_value *)n;
        char *copy = (char *)tg_alloc((size_t)len);
        memcpy(copy, s, (size_t)len);
        n->text = copy;
        n->text_len = len;
    } else if (keep_text == 2) {
        n->text = s;
        n->text_len = len;
    }
    return (tg_value *)n;
}

TG_EXPORT("tg_number_ref") tg_value *tg_number_ref(const char *text, int32_t len)
{
    if (!tg_number_valid_literal(text, len))
        tg_abort("tg_number_ref: invalid number literal");
    return tg_number_parse(text, len, 2);
}

int32_t tg_number_sign(tg_value *v)
{
    tg_number_t *n = (tg_number_t *)v;
    if (n->kind == TG_NUM_INT)
        return n->i < 0 ? -1 : n->i > 0;
    return n->neg ? -1 : 1;
}

int32_t tg_number_is_int(tg_value *v)
{
    tg_number_t *n = (tg_number_t *)v;
    return n->kind == TG_NUM_INT || n->exp >= 0;
}

int32_t tg_number_to_i64(tg_value *v, int64_t *out)
{
    tg_number_t *n = (tg_number_t *)v;
    if (n->kind != TG_NUM_INT)
        return 0; /* canonical decimals are never int64-sized integers */
    *out = n->i;
    return 1;
}

static int64_t adjusted_exponent(tg_dec d) { return d.exp + tg_mag_digits(d.mag); }

static int32_t dec_compare_mag(tg_dec a, tg_dec b)
{
    if (a.mag.n == 0 || b.mag.n == 0)
        return (a.mag.n != 0) - (b.mag.n != 0);
    int64_t aa = adjusted_exponent(a), ab = adjusted_exponent(b);
    if (aa != ab)
        return aa < ab ? -1 : 1;
    /* Same magnitude order: align (bounded, since the digit counts are close). */
    if (a.exp > b.exp)
        a.mag = tg_mag_scale10(a.mag, (int32_t)(a.exp - b.exp));
    else if (b.exp > a.exp)
        b.mag = tg_mag_scale10(b.mag, (int32_t)(b.exp - a.exp));
    return tg_mag_cmp(a.mag, b.mag);
}

int32_t tg_number_compare(tg_value *a, tg_value *b)
{
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT)
        return x->i < y->i ? -1 : x->i > y->i;
    int32_t sx = tg_number_sign(a), sy = tg_number_sign(b);
    if (sx != sy)
        return sx < sy ? -1 : 1;
    if (sx == 0)
        return 0;
    int32_t c = dec_compare_mag(to_dec(a), to_dec(b));
    return sx < 0 ? -c : c;
}

static tg_dec dec_add(tg_dec a, tg_dec b)
{
    if (a.mag.n == 0)
        return b;
    if (b.mag.n == 0)
        return a;
    int64_t diff = a.exp - b.exp;
    if (diff > TG_ALIGN_LIMIT || diff < -TG_ALIGN_LIMIT) {
        /* One operand is below the other's precision by thousands of digits. */
        return adjusted_exponent(a) >= adjusted_exponent(b) ? a : b;
    }
    if (diff > 0) {
        a.mag = tg_mag_scale10(a.mag, (int32_t)diff);
        a.exp = b.exp;
    } else if (diff < 0) {
        b.mag = tg_mag_scale10(b.mag, (int32_t)-diff);
        b.exp = a.exp;
    }
    tg_dec r;
    r.exp = a.exp;
    if (a.neg == b.neg) {
        r.neg = a.neg;
        r.mag = tg_mag_add(a.mag, b.mag);
    } else if (tg_mag_cmp(a.mag, b.mag) >= 0) {
        r.neg = a.neg;
        r.mag = tg_mag_sub(a.mag, b.mag);
    } else {
        r.neg = b.neg;
        r.mag = tg_mag_sub(b.mag, a.mag);
    }
    return r;
}

tg_value *tg_number_add(tg_value *a, tg_value *b)
{
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    int64_t r;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT && !__builtin_add_overflow(x->i, y->i, &r))
        return tg_number_int(r);
    return from_dec(dec_add(to_dec(a), to_dec(b)));
}

tg_value *tg_number_sub(tg_value *a, tg_value *b)
{
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    int64_t r;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT && !__builtin_sub_overflow(x->i, y->i, &r))
        return tg_number_int(r);
    tg_dec nb = to_dec(b);
    nb.neg = !nb.neg;
    return from_dec(dec_add(to_dec(a), nb));
}

tg_value *tg_number_neg(tg_value *a)
{
    tg_number_t *x = (tg_number_t *)a;
    if (x->kind == TG_NUM_INT && x->i != INT64_MIN)
        return tg_number_int(-x->i);
    tg_dec d = to_dec(a);
    d.neg = !d.neg;
    return from_dec(d);
}

/* Overflow-checked int64 multiply without 128-bit helpers (wasm32 has no __multi3). */
static int mul_overflows(int64_t a, int64_t b, int64_t *r)
{
    if (a >= INT32_MIN && a <= INT32_MAX && b >= INT32_MIN && b <= INT32_MAX) {
        *r = a * b;
        return 0;
    }
    if (a == 0 || b == 0) {
        *r = 0;
        return 0;
    }
    if (a == INT64_MIN || b == INT64_MIN)
        return 1;
    uint64_t ua = a < 0 ? (uint64_t)-a : (uint64_t)a;
    uint64_t ub = b < 0 ? (uint64_t)-b : (uint64_t)b;
    if (ua > (uint64_t)INT64_MAX / ub)
        return 1;
    *r = (int64_t)(ua * ub);
    if ((a < 0) != (b < 0))
        *r = -*r;
    return 0;
}

tg_value *tg_number_mul(tg_value *a, tg_value *b)
{
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    int64_t r;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT && !mul_overflows(x->i, y->i, &r))
        return tg_number_int(r);
    tg_dec da = to_dec(a), db = to_dec(b);
    tg_dec d;
    d.neg = da.neg != db.neg;
    d.mag = tg_mag_mul(da.mag, db.mag);
    d.exp = da.exp + db.exp;
    return from_dec(d);
}

tg_value *tg_number_div(tg_value *a, tg_value *b)
{
    if (tg_number_sign(b) == 0)
        return 0;
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT && !(x->i == INT64_MIN && y->i == -1) &&
        x->i % y->i == 0)
        return tg_number_int(x->i / y->i);
    tg_dec da = to_dec(a), db = to_dec(b);
    /* Scale the dividend so the integer quotient has at least TG_DIV_DIGITS digits. */
    int32_t k = TG_DIV_DIGITS + tg_mag_digits(db.mag) - tg_mag_digits(da.mag);
    if (k < 0)
        k = 0;
    tg_mag q, r;
    tg_mag_divmod(tg_mag_scale10(da.mag, k), db.mag, &q, &r);
    if (r.n != 0 && tg_mag_cmp(tg_mag_mul_small(r, 2), db.mag) >= 0)
        q = tg_mag_add_small(q, 1); /* round half up on the last kept digit */
    tg_dec d;
    d.neg = da.neg != db.neg;
    d.mag = q;
    d.exp = da.exp - db.exp - k;
    return from_dec(d);
}

/* The integer value as a magnitude; the number must be integral. */
static tg_dec integral_dec(tg_value *v)
{
    tg_dec d = to_dec(v);
    if (d.exp > 0) {
        d.mag = tg_mag_scale10(d.mag, (int32_t)d.exp);
        d.exp = 0;
    }
    return d;
}

tg_value *tg_number_rem(tg_value *a, tg_value *b)
{
    if (!tg_number_is_int(a) || !tg_number_is_int(b) || tg_number_sign(b) == 0)
        return 0;
    tg_number_t *x = (tg_number_t *)a, *y = (tg_number_t *)b;
    if (x->kind == TG_NUM_INT && y->kind == TG_NUM_INT) {
        if (y->i == -1)
            return tg_number_int(0);
        return tg_number_int(x->i % y->i);
    }
    if (((tg_number_t *)a)->kind == TG_NUM_DEC && ((tg_number_t *)a)->exp > TG_ALIGN_LIMIT)
        return tg_number_int(0); /* precision lost anyway; avoid a gigantic expansion */
    tg_dec da = integral_dec(a), db = integral_dec(b);
    tg_mag q, r;
    tg_mag_divmod(da.mag, db.mag, &q, &r);
    tg_dec d;
    d.neg = da.neg; /* truncated division: the remainder has the dividend's sign */
    d.mag = r;
    d.exp = 0;
    return from_dec(d);
}

tg_value *tg_number_round(tg_value *a, int32_t mode)
{
    if (tg_number_is_int(a))
        return a;
    tg_dec d = to_dec(a);
    int32_t frac = (int32_t)-d.exp;
    int32_t digits = tg_mag_digits(d.mag);
    tg_mag q, r;
    int up;
    if (frac > digits) {
        q.d = 0;
        q.n = 0;
        up = mode == 2 ? 0 : 1; /* 0 < |a| < 0.1: round gives 0, floor/ceil move away as needed */
        if (mode == 0)
            up = d.neg;
        else if (mode == 1)
            up = !d.neg;
    } else {
        tg_mag unit = tg_mag_pow10(frac);
        tg_mag_divmod(d.mag, unit, &q, &r);
        if (mode == 0)
            up = d.neg; /* r is never zero: a is not integral */
        else if (mode == 1)
            up = !d.neg;
        else
            up = tg_mag_cmp(tg_mag_mul_small(r, 2), unit) >= 0;
    }
    if (up)
        q = tg_mag_add_small(q, 1);
    tg_dec out;
    out.neg = d.neg;
    out.mag = q;
    out.exp = 0;
    return from_dec(out);
}

int32_t tg_number_format_base(tg_strbuf *sb, tg_value *v, uint32_t base)
{
    tg_number_t *n = (tg_number_t *)v;
    if (!tg_number_is_int(v) || (n->kind == TG_NUM_DEC && n->exp > TG_ALIGN_LIMIT))
        return 0;
    tg_dec d = integral_dec(v);
    if (d.mag.n == 0) {
        tg_sb_putc(sb, '0');
        return 1;
    }
    /* Digits come out least significant first; write them reversed after the sign. */
    if (d.neg)
        tg_sb_putc(sb, '-');
    int32_t start = sb->len;
    tg_mag q = d.mag;
    while (q.n > 0) {
        uint32_t digit = tg_mag_div_small(q, base, &q);
        tg_sb_putc(sb, "0123456789abcdef"[digit]);
    }
    for (int32_t i = start, j = sb->len - 1; i < j; i++, j--) {
        char t = sb->buf[i];
        sb->buf[i] = sb->buf[j];
        sb->buf[j] = t;
    }
    return 1;
}

uint32_t tg_number_hash(tg_value *v)
{
    tg_number_t *n = (tg_number_t *)v;
    if (n->kind == TG_NUM_INT) {
        uint64_t x = (uint64_t)n->i * 0x9e3779b97f4a7c15ull;
        return (uint32_t)(x >> 32) ^ (uint32_t)x;
    }
    uint32_t h = 2166136261u ^ (uint32_t)n->exp ^ ((uint32_t)n->neg << 31);
    for (int32_t i = 0; i < n->n; i++)
        h = (h ^ n->limbs[i]) * 16777619u;
    return h;
}

static void put_exponent(tg_strbuf *sb, int64_t e)
{
    tg_sb_putc(sb, 'e');
    tg_sb_putc(sb, e < 0 ? '-' : '+');
    if (e < 0)
        e = -e;
    if (e < 10)
        tg_sb_putc(sb, '0'); /* Go's %e prints at least two exponent digits */
    tg_sb_put_i64(sb, e);
}

void tg_number_format(tg_strbuf *sb, tg_value *v)
{
    tg_number_t *n = (tg_number_t *)v;
    if (n->text) {
        tg_sb_put(sb, n->text, n->text_len);
        return;
    }
    if (n->kind == TG_NUM_INT) {
        tg_sb_put_i64(sb, n->i);
        return;
    }
    tg_mag m;
    m.d = n->limbs;
    m.n = n->n;
    int32_t nd = tg_mag_digits(m);
    /* Room for sign, digits, point and up to 4 leading zeros, so the in-place moves stay inside. */
    tg_sb_reserve(sb, nd + 10);
    if (n->neg)
        tg_sb_putc(sb, '-');
    char *digits = sb->buf + sb->len;
    tg_mag_write(m, digits); /* written in place, then moved as needed */
    int64_t exp = n->exp;
    int64_t lead = nd + exp - 1; /* exponent of the leading digit */
    if (exp >= 0 && nd + exp <= 400) {
        sb->len += nd;
        for (int64_t i = 0; i < exp; i++)
            tg_sb_putc(sb, '0');
        return;
    }
    if (exp >= 0 || lead < -4 || lead >= 21) {
        /* d.ddd e±XX */
        char first = digits[0];
        int32_t rest = nd - 1;
        if (rest > 0) {
            memmove(digits + 2, digits + 1, (size_t)rest);
            digits[0] = first;
            digits[1] = '.';
            sb->len += nd + 1;
        } else {
            sb->len += 1;
        }
        put_exponent(sb, lead);
        return;
    }
    if (lead >= 0) {
        int32_t int_digits = (int32_t)(lead + 1);
        memmove(digits + int_digits + 1, digits + int_digits, (size_t)(nd - int_digits));
        digits[int_digits] = '.';
        sb->len += nd + 1;
        return;
    }
    int32_t zeros = (int32_t)(-lead - 1);
    memmove(digits + 2 + zeros, digits, (size_t)nd);
    digits[0] = '0';
    digits[1] = '.';
    for (int32_t i = 0; i < zeros; i++)
        digits[2 + i] = '0';
    sb->len += nd + zeros + 2;
}
