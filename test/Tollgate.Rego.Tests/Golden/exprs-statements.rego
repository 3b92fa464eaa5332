package exprs

p if {
    x := 1
    y = x + 1
    count(xs, n)
    f(x)
    not g(y)
    z == 1; w != 2
    input.x with input as {"x": 1} with data.a.b as 2
}
