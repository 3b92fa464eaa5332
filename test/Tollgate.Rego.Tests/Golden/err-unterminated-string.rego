package e

p := "abc
