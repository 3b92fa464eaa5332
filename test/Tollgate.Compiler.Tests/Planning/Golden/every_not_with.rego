# entrypoint: t/p
package t

p if {
	every x in input.xs { x > 0 }
	not q with input.xs as []
}

q if count(input.xs) == 0
