# entrypoint: t/r
package t

f(x) := "big" if x > 10
else := "small"

r := f(input.n)
