package logic

import future.keywords.and
import future.keywords.or
import future.keywords.not

p if {
	x := input.x
	x > 1 and count(input.ys) > x
}

q if {
	input.a or { y := input.b; y > 2 }
}

r if {
	not { input.c; input.d }
}

s if {
	input.x > 0 and input.y > 0 with input as {"x": 1, "y": 2}
}
