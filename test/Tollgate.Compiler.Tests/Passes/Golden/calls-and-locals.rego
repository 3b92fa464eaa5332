package calls

import rego.v1

x_plus := x if {
	y := input.items
	x := count(y) + 1
}

nested if startswith(lower(input.name), "a")

negated_with_call if not count(input.items) > 2

out_form if {
	count(input.items, n)
	n > 0
}

ref_with_call := data.table[lower(input.key)]

head_call := upper(input.name)

reordered if {
	z > 1
	z = y + 1
	y = input.n
}

destructure if {
	[a, b] := input.pair
	a == b
}
