/* Magnitude arithmetic in base 1e9 (see bigint.h). Schoolbook algorithms: operands are small. */
#include "bigint.h"

static tg_mag mag_alloc(int32_t n)
{
    tg_mag m;
    m.d = (uint32_t *)tg_alloc((size_t)(n > 0 ? n : 1) * sizeof(uint32_t));
    m.n = n;
    return m;
}

static tg_mag trim(tg_mag m)
{
    while (m.n > 0 && m.d[m.n - 1] == 0)
        m.n--;
    return m;
}

tg_mag tg_mag_from_u64(uint64_t v)
{
    tg_mag m = mag_alloc(3);
    int32_t n = 0;
    while (v) {
        m.d[n++] = (uint32_t)(v % TG_BASE);
        v /= TG_BASE;
    }
    m.n = n;
    return m;
}

tg_mag tg_mag_from_digits(const char *digits, int32_t len)
{
    tg_mag m = mag_alloc((len + 8) / 9);
    int32_t n = 0;
    int32_t end = len;
    while (end > 0) {
        int32_t start = end > 9 ? end - 9 : 0;
        uint32_t limb = 0;
        for (int32_t i = start; i < end; i++)
            limb = limb * 10 + (uint32_t)(digits[i] - '0');
        m.d[n++] = limb;
        end = start;
    }
    m.n = n;
    return trim(m);
}

int32_t tg_mag_cmp(tg_mag a, tg_mag b)
{
    if (a.n != b.n)
        return a.n < b.n ? -1 : 1;
    for (int32_t i = a.n - 1; i >= 0; i--) {
        if (a.d[i] != b.d[i])
            return a.d[i] < b.d[i] ? -1 : 1;
    }
    return 0;
}

tg_mag tg_mag_add(tg_mag a, tg_mag b)
{
    if (a.n < b.n) {
        tg_mag t = a;
        a = b;
        b = t;
    }
    tg_mag r = mag_alloc(a.n + 1);
    uint32_t carry = 0;
    for (int32_t i = 0; i < a.n; i++) {
        uint32_t s = a.d[i] + (i < b.n ? b.d[i] : 0) + carry;
        carry = s >= TG_BASE;
        r.d[i] = carry ? s - TG_BASE : s;
    }
    r.d[a.n] = carry;
    return trim(r);
}

tg_mag tg_mag_sub(tg_mag a, tg_mag b)
{
    tg_mag r = mag_alloc(a.n);
    int32_t borrow = 0;
    for (int32_t i = 0; i < a.n; i++) {
        int64_t s = (int64_t)a.d[i] - (i < b.n ? b.d[i] : 0) - borrow;
        borrow = s < 0;
        r.d[i] = (uint32_t)(borrow ? s + TG_BASE : s);
    }
    return trim(r);
}

tg_mag tg_mag_mul(tg_mag a, tg_mag b)
{
    if (a.n == 0 || b.n == 0)
        return mag_alloc(0);
    tg_mag r = mag_alloc(a.n + b.n);
    memset(r.d, 0, (size_t)(a.n + b.n) * sizeof(uint32_t));
    for (int32_t i = 0; i < a.n; i++) {
        uint64_t carry = 0;
        for (int32_t j = 0; j < b.n; j++) {
            uint64_t cur = r.d[i + j] + (uint64_t)a.d[i] * b.d[j] + carry;
            r.d[i + j] = (uint32_t)(cur % TG_BASE);
            carry = cur / TG_BASE;
        }
        int32_t k = i + b.n;
        while (carry) {
            uint64_t cur = r.d[k] + carry;
            r.d[k] = (uint32_t)(cur % TG_BASE);
            carry = cur / TG_BASE;
            k++;
        }
    }
    return trim(r);
}

tg_mag tg_mag_mul_small(tg_mag a, uint32_t m)
{
    tg_mag r = mag_alloc(a.n + 1);
    uint64_t carry = 0;
    for (int32_t i = 0; i < a.n; i++) {
        uint64_t cur = (uint64_t)a.d[i] * m + carry;
        r.d[i] = (uint32_t)(cur % TG_BASE);
        carry = cur / TG_BASE;
    }
    r.d[a.n] = (uint32_t)carry;
    return trim(r);
}

tg_mag tg_mag_add_small(tg_mag a, uint32_t m)
{
    tg_mag b;
    uint32_t limb = m;
    b.d = &limb;
    b.n = m ? 1 : 0;
    return tg_mag_add(a, b);
}

static const uint32_t pow10_small[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                         1000000000};

tg_mag tg_mag_scale10(tg_mag a, int32_t k)
{
    if (a.n == 0 || k == 0)
        return a;
    int32_t limbs = k / 9;
    tg_mag r = mag_alloc(a.n + limbs);
    memset(r.d, 0, (size_t)limbs * sizeof(uint32_t));
    memcpy(r.d + limbs, a.d, (size_t)a.n * sizeof(uint32_t));
    if (k % 9)
        r = tg_mag_mul_small(r, pow10_small[k % 9]);
    return r;
}

tg_mag tg_mag_pow10(int32_t k)
{
    tg_mag one = tg_mag_from_u64(1);
    return tg_mag_scale10(one, k);
}

uint32_t tg_mag_div_small(tg_mag a, uint32_t m, tg_mag *q)
{
    tg_mag r = mag_alloc(a.n);
    uint64_t rem = 0;
    for (int32_t i = a.n - 1; i >= 0; i--) {
        uint64_t cur = rem * TG_BASE + a.d[i];
        r.d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    *q = trim(r);
    return (uint32_t)rem;
}

void tg_mag_divmod(tg_mag a, tg_mag b, tg_mag *q, tg_mag *r)
{
    if (tg_mag_cmp(a, b) < 0) {
        *q = mag_alloc(0);
        *r = a;
        return;
    }
    if (b.n == 1) {
        uint32_t rem = tg_mag_div_small(a, b.d[0], q);
        *r = tg_mag_from_u64(rem);
        return;
    }
    /* Long division, one base-1e9 digit at a time; each quotient digit found by binary search.
     * Slow per digit but simple and exact; big divisions are rare in policies. */
    tg_mag quot = mag_alloc(a.n);
    tg_mag rem = mag_alloc(0);
    for (int32_t i = a.n - 1; i >= 0; i--) {
        tg_mag shifted = mag_alloc(rem.n + 1);
        shifted.d[0] = a.d[i];
        memcpy(shifted.d + 1, rem.d, (size_t)rem.n * sizeof(uint32_t));
        rem = trim(shifted);
        uint32_t lo = 0, hi = TG_BASE - 1;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo + 1) / 2;
            if (tg_mag_cmp(tg_mag_mul_small(b, mid), rem) <= 0)
                lo = mid;
            else
                hi = mid - 1;
        }
        quot.d[i] = lo;
        if (lo)
            rem = tg_mag_sub(rem, tg_mag_mul_small(b, lo));
    }
    *q = trim(quot);
    *r = rem;
}

int32_t tg_mag_strip_zeros(tg_mag *a, int32_t max)
{
    if (a->n == 0)
        return 0;
    int32_t stripped = 0;
    int32_t zero_limbs = 0;
    while (zero_limbs < a->n - 1 && a->d[zero_limbs] == 0 && stripped + 9 <= max) {
        zero_limbs++;
        stripped += 9;
    }
    if (zero_limbs) {
        a->d += zero_limbs;
        a->n -= zero_limbs;
    }
    int32_t k = 0;
    uint32_t low = a->d[0];
    while (k < 8 && stripped + k < max && low % pow10_small[k + 1] == 0)
        k++;
    if (k) {
        tg_mag q;
        tg_mag_div_small(*a, pow10_small[k], &q);
        *a = q;
        stripped += k;
    }
    return stripped;
}

int32_t tg_mag_digits(tg_mag a)
{
    if (a.n == 0)
        return 1;
    int32_t d = (a.n - 1) * 9;
    uint32_t top = a.d[a.n - 1];
    while (top) {
        d++;
        top /= 10;
    }
    return d;
}

int32_t tg_mag_to_u64(tg_mag a, uint64_t *out)
{
    if (a.n > 3)
        return 0;
    uint64_t v = 0;
    for (int32_t i = a.n - 1; i >= 0; i--) {
        if (v > (UINT64_MAX - a.d[i]) / TG_BASE)
            return 0;
        v = v * TG_BASE + a.d[i];
    }
    *out = v;
    return 1;
}

int32_t tg_mag_write(tg_mag a, char *buf)
{
    if (a.n == 0) {
        buf[0] = '0';
        return 1;
    }
    int32_t len = 0;
    char tmp[10];
    uint32_t top = a.d[a.n - 1];
    int32_t t = 0;
    while (top) {
        tmp[t++] = (char)('0' + top % 10);
        top /= 10;
    }
    while (t)
        buf[len++] = tmp[--t];
    for (int32_t i = a.n - 2; i >= 0; i--) {
        uint32_t limb = a.d[i];
        for (int32_t k = 8; k >= 0; k--) {
            buf[len + k] = (char)('0' + limb % 10);
            limb /= 10;
        }
        len += 9;
    }
    return len;
}
