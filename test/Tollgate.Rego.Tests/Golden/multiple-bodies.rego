package bodies

p if { input.a } { input.b }
