/*
 * The heap: a bump allocator with exact-size free lists.
 *
 * The host drives the heap pointer directly (opa_heap_ptr_set after each evaluation frees
 * everything allocated since), so the heap is a single region [heap_start, heap_top) and a
 * block's address says whether it survives a reset. Freed blocks go to free lists that are
 * dropped whenever the host moves the heap pointer (they may lie above the new top); the
 * 1.3 stash calls keep them across an evaluation.
 *
 * Backends: on wasm the heap starts at tg_gen_heap_base() (or __heap_base) and grows linear
 * memory; natively (tests) it is a static arena and "addresses" are offsets into it.
 */
#include "tg_internal.h"

#define TG_ALIGN 8
#define TG_HEADER 8
#define TG_SMALL_CLASSES 64 /* exact sizes 8..512 */

typedef struct tg_free_block {
    struct tg_free_block *next;
} tg_free_block;

static uint8_t *heap_start;
static uint8_t *heap_top;
static uint8_t *heap_limit;
static int heap_ready;
static tg_free_block *free_small[TG_SMALL_CLASSES];
static tg_free_block *free_large;
static tg_free_block *stash_small[TG_SMALL_CLASSES];
static tg_free_block *stash_large;
/* 0 while every free list is empty (the usual state within an evaluation: opa_eval resets the
 * heap first), so allocation is a plain bump and a heap reset clears nothing. */
static int free_lists_used;

#ifdef TG_WASM
extern unsigned char __heap_base;
int32_t tg_gen_heap_base(void);

static uint8_t *heap_initial_start(void)
{
    int32_t base = tg_gen_heap_base();
    if (base == 0)
        return &__heap_base;
    return (uint8_t *)(uintptr_t)base;
}

static uint8_t *memory_end(void)
{
    return (uint8_t *)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536u);
}

/* Makes [heap_top, end) addressable; returns 0 when memory cannot grow. */
static int ensure_memory(uint8_t *end)
{
    if (end <= heap_limit)
        return 1;
    heap_limit = memory_end(); /* the host may have grown memory itself */
    if (end <= heap_limit)
        return 1;
    uintptr_t missing = (uintptr_t)(end - heap_limit);
    uintptr_t pages = (missing + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1)
        return 0;
    heap_limit = memory_end();
    return 1;
}

static uint32_t to_address(uint8_t *p) { return (uint32_t)(uintptr_t)p; }
static uint8_t *from_address(uint32_t a) { return (uint8_t *)(uintptr_t)a; }
#else
#define TG_ARENA_SIZE (256u << 20)
static uint8_t *arena;

static uint8_t *heap_initial_start(void)
{
    if (!arena) {
        extern void *tg_native_arena(size_t size);
        arena = (uint8_t *)tg_native_arena(TG_ARENA_SIZE);
    }
    /* Offset 0 means "no value", so the heap starts a little above the arena base. */
    return arena + 64;
}

static int ensure_memory(uint8_t *end)
{
    heap_limit = arena + TG_ARENA_SIZE;
    return end <= heap_limit;
}

static uint32_t to_address(uint8_t *p) { return (uint32_t)(p - arena); }
static uint8_t *from_address(uint32_t a) { return arena + a; }
#endif

static void clear_free_lists(void)
{
    if (!free_lists_used)
        return;
    for (int i = 0; i < TG_SMALL_CLASSES; i++)
        free_small[i] = 0;
    free_large = 0;
    free_lists_used = 0;
}

void tg_alloc_init(void)
{
    if (heap_ready)
        return;
    heap_ready = 1;
    uintptr_t s = (uintptr_t)heap_initial_start();
    s = (s + TG_ALIGN - 1) & ~(uintptr_t)(TG_ALIGN - 1);
    heap_start = (uint8_t *)s;
    heap_top = heap_start;
    /* Embedded data is parsed first so it lives below any reset point the host will use. */
    extern void tg_embedded_data_init(void);
    tg_embedded_data_init();
}

static size_t block_size(size_t size)
{
    if (size == 0)
        size = 1;
    return (size + TG_ALIGN - 1) & ~(size_t)(TG_ALIGN - 1);
}

/* Reuses a freed block of the right size, or 0. */
static void *take_free_block(size_t size)
{
    if (size <= TG_SMALL_CLASSES * TG_ALIGN) {
        size_t cls = size / TG_ALIGN - 1;
        tg_free_block *b = free_small[cls];
        if (b) {
            free_small[cls] = b->next;
            return b;
        }
        return 0;
    }
    /* First fit among large blocks; they are rare (big arrays, hash tables, text). */
    tg_free_block **link = &free_large;
    while (*link) {
        tg_free_block *b = *link;
        uint32_t have = *(uint32_t *)((uint8_t *)b - TG_HEADER);
        if (have >= size && have <= size * 2) {
            *link = b->next;
            return b;
        }
        link = &b->next;
    }
    return 0;
}

/* Everything but a plain bump: first use, reusing freed blocks, growing memory, refusing huge sizes. */
__attribute__((noinline)) static void *alloc_slow(size_t size)
{
    if (!heap_ready)
        tg_alloc_init();
    if (free_lists_used) {
        void *reused = take_free_block(size);
        if (reused)
            return reused;
    }
    if (size > 0x7fff0000u)
        tg_abort("opa_malloc: allocation too large");
    uint8_t *block = heap_top;
    uint8_t *end = block + TG_HEADER + size;
    if (end < block || !ensure_memory(end))
        tg_abort("opa_malloc: out of memory");
    *(uint32_t *)block = (uint32_t)size;
    *(uint32_t *)(block + 4) = 0x7467u; /* marks a live heap block */
    heap_top = end;
    return block + TG_HEADER;
}

/* The common case is a bump within memory already there: small enough for LTO to inline into callers.
 * heap_limit is 0 until the heap is initialised, and free_lists_used is set whenever a block could be
 * reused, so both rarer cases fall to alloc_slow. */
void *tg_alloc(size_t size)
{
    size = block_size(size);
    uint8_t *block = heap_top;
    uint8_t *end = block + TG_HEADER + size;
    if (free_lists_used || size > 0x7fff0000u || end > heap_limit || end < block)
        return alloc_slow(size);
    *(uint32_t *)block = (uint32_t)size;
    *(uint32_t *)(block + 4) = 0x7467u; /* marks a live heap block */
    heap_top = end;
    return block + TG_HEADER;
}

void tg_release(void *p)
{
    uint8_t *q = (uint8_t *)p;
    if (!q || q < heap_start + TG_HEADER || q > heap_top)
        return; /* static values, or memory the host already reclaimed */
    uint32_t size = *(uint32_t *)(q - TG_HEADER);
    if (*(uint32_t *)(q - 4) != 0x7467u)
        return;
    tg_free_block *b = (tg_free_block *)q;
    if (q + size == heap_top) {
        /* The newest block: give it back to the bump region. */
        heap_top = q - TG_HEADER;
        return;
    }
    if (size <= TG_SMALL_CLASSES * TG_ALIGN) {
        size_t cls = size / TG_ALIGN - 1;
        b->next = free_small[cls];
        free_small[cls] = b;
    } else {
        b->next = free_large;
        free_large = b;
    }
    free_lists_used = 1;
}

TG_EXPORT("opa_malloc") void *opa_malloc(size_t size) { return tg_alloc(size); }

TG_EXPORT("opa_free") void opa_free(void *p) { tg_release(p); }

TG_EXPORT("opa_heap_ptr_get") uint32_t opa_heap_ptr_get(void)
{
    if (!heap_ready)
        tg_alloc_init();
    return to_address(heap_top);
}

TG_EXPORT("opa_heap_ptr_set") void opa_heap_ptr_set(uint32_t addr)
{
    if (!heap_ready)
        tg_alloc_init();
    uint8_t *p = from_address(addr);
    p = (uint8_t *)(((uintptr_t)p + TG_ALIGN - 1) & ~(uintptr_t)(TG_ALIGN - 1));
    if (p < heap_start)
        p = heap_start;
    heap_top = p;
    clear_free_lists();
}

/* 1.3: keep the free lists aside while the host evaluates and resets the heap. */
TG_EXPORT("opa_heap_blocks_stash") void opa_heap_blocks_stash(void)
{
    for (int i = 0; i < TG_SMALL_CLASSES; i++) {
        stash_small[i] = free_small[i];
        free_small[i] = 0;
    }
    stash_large = free_large;
    free_large = 0;
}

TG_EXPORT("opa_heap_blocks_restore") void opa_heap_blocks_restore(void)
{
    for (int i = 0; i < TG_SMALL_CLASSES; i++)
        free_small[i] = stash_small[i];
    free_large = stash_large;
    free_lists_used = 1;
}

TG_EXPORT("opa_heap_stash_clear") void opa_heap_stash_clear(void)
{
    for (int i = 0; i < TG_SMALL_CLASSES; i++)
        stash_small[i] = 0;
    stash_large = 0;
}

#ifndef TG_WASM
/* Tests reset the whole runtime between cases. */
void tg_native_heap_reset(void)
{
    heap_ready = 0;
    heap_limit = 0; /* sends the next allocation through initialisation */
    free_lists_used = 1;
    clear_free_lists();
    opa_heap_stash_clear();
}
#endif
