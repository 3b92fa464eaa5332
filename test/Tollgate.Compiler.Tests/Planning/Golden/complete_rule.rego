# entrypoint: t/allow
package t

default allow := false

allow if {
	input.user == "alice"
	input.action in {"read", "write"}
}
