package e

p := 1 ! 2
q := $x
