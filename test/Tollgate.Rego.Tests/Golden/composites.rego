package composites

a := []
b := [1, "two", null, true, false]
c := {}
d := {"k": "v", 1: [2]}
e := {1, 2, 3}
f := [x | some x in xs]
g := {x | some x in xs; x > 1}
h := {k: v | some k, v in obj}
i := {x | x}
j := [1, 2,]
