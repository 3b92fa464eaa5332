package quantifiers

p if {
    some x, y
    some v in xs
    some k, v2 in {"a": 1}
    some [a, b] in pairs
    every e in xs { e > 0 }
    every i, e2 in xs {
        e2 > i
    }
    1 in xs
    "k", 1 in {"k": 1}
}
