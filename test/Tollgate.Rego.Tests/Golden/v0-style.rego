# version: v0
package v0style

import future.keywords.in

p { true }
deny[msg] { msg := "no" }
obj[k] = v { some k, v in {"a": 1} }
f(x) = y { y := x }
q = 1
allowed { "a" in ["a"] }
