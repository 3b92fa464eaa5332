package legacy.authz

import data.roles
import input.request as req

default allow = false

allow {
	user_is_admin
}

allow {
	some i
	grant := roles.grants[req.user][i]
	grant.action == req.action
	not denied[req.action]
}

user_is_admin {
	roles.admins[_] == req.user
}

denied[action] {
	action := data.blocked[_]
}

owners[name] = email {
	some name
	email := data.people[name].email
}

count_all = n {
	n := count(roles.grants)
}
