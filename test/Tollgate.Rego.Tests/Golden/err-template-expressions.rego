package e

p := $"{x := 1}"
q := $"{not x}"
r := $"{some x in xs}"
