package e

default p := input.x
default f(1) := true
