package e

import foo.bar
import future.keywords.xyz
import rego.v2
import data.x.not
