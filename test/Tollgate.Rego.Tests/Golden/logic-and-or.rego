package logic

import future.keywords.and
import future.keywords.or

a if not input.x and not input.y or input.z
b if (input.a or input.b) and input.c
c if {
    { x := input.n; x > 0 } or input.m == 2
}
d if { input.p } or { input.q }
e := [1 | { some n in [1, 2]; n > 0 } and true]
f if { input.x < 2 with input.x as 1 } and input.x == 5
