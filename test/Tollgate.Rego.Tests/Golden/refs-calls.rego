package refs

p := data.a[x].b
q := input
r := f(x)[0].y
s := data.lib.util.f(1, 2)
t := [1, 2][i]
u := set()
v := {"a": 1}["a"]
w := sprintf("%v", [x])
