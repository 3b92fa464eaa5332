package fns

import rego.v1
import data.fns as u

f(x) := y if {
	y := x * 2
} else := 0

g([a, b]) := a + b

uses_f := f(input.n)

uses_import if u.check(input.user)

mocked if {
	allow with input as {"user": "bob"} with u.check as mock_check
}

allow if input.user == "bob"

mock_check(_) := true

greeting := $"Hello {input.name}, you are {input.age}!"

printed if print("value:", input.x)

obj_ref[k] := v if {
	some k, v in input.entries
}

deep.nested.value := 42
check(user) if user != ""
