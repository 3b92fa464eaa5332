# version: v0
package compat

import rego.v1

p contains x if { some x in [1] }
q if true
