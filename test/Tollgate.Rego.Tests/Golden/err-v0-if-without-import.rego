# version: v0
package e

p if { true }
