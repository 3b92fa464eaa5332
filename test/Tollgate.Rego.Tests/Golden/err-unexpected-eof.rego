package e

p := 