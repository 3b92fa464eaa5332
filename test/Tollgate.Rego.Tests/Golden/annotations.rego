# METADATA
# title: The package
# description: Package-level docs
package annotated

# METADATA
# title: Allow rule
# custom:
#   severity: high
#   tags: [a, b]
allow if true

# plain comment, not metadata
deny := false
