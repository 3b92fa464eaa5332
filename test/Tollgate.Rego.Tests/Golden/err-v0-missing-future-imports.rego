# version: v0
package e

p {
    some x in [1]
}

q {
    every x in [1] { x > 0 }
}
