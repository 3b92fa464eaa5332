package kinds

p if { true }
q := 1
r = 2
default s := false
t contains x if { some x in [1, 2] }
u[x] := y if { some x, y in {"a": 1} }
a.b.c := 1
a.b[c].d := 2 if { c := "k" }
f(x) := y if { y := x + 1 }
g(x) if { x > 0 }
h(_, y) := y
m contains "lit"
