package e

p := [x | ]
