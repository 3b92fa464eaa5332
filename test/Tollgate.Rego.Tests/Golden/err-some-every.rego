package e

p if {
  not some x in xs
  every x in xs
}
