package elses

p := 1 if {
    input.x == 1
} else := 2 if {
    input.x == 2
} else := 3

f(x) := "small" if {
    x < 10
} else := "big"

q if { input.a } else = false
