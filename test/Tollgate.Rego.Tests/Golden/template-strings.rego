package templates

a := $"hello {input.name}!"
b := $"\{literal} {1 + 2}"
c := $`raw {x}
line`
d := $""
e := $"{[x | some x in xs]} and {count(xs)}"
f := $"{a with input as 1}"
