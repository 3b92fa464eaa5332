package e

p := {1: 2, 3}
q := input. x
r := {1, 2
