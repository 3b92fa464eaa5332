# entrypoint: t/names
package t

names contains n if {
	some u in data.users
	u.admin
	n := u.name
}
