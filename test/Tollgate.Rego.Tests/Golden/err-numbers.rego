package e

p := 01
q := 1.
r := 1e
s := 1e999999
