package e

p if {
  x := 1 y := 2
}
