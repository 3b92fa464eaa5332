package e

p := [1,
q := 2 +
r if {
  x := 
}
s := {1 2}
t := 3
