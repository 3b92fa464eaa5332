package closures

import rego.v1

names := [n | some u in input.users; n := upper(u.name)]

by_id := {u.id: u | some u in input.users}

roles contains r if {
	some user in input.users
	some r in user.roles
}

all_positive if {
	every k, v in input.values {
		v > k
	}
}

outer_shared if {
	x := input.x
	ys := [y | some y in input.ys; y > x]
	count(ys) > 0
}

some_key_value if {
	some k, v in input.obj
	k == v
}

in_condition if "a" in input.letters
