/* Built with the multivalue ABI so that functions return structs as several values. */
typedef struct { int a; int b; } pair;
__attribute__((export_name("make"))) pair make(int x) { pair p = { x, x + 1 }; return p; }
__attribute__((export_name("sum"))) int sum(int x) { pair p = make(x); return p.a + p.b; }
