package e

p { true }
