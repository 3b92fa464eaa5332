package e

x == 1
not p
"str"
