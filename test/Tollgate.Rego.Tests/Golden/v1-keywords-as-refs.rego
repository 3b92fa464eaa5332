package kw

in.foo := 1
foo.in := 2

p if {
    in.foo == 1
    not.x == 1
}
