package tenant.authz

import rego.v1

tenant_id := "{{TENANT_ID}}"

default allow := false

user_permissions contains permission if {
    some permission in data.tenant_roles[input.user.role].permissions
}

allow if {
    input.tenant_id == tenant_id
    input.action in user_permissions
}

decision := {
    "allowed": allow,
    "timestamp": time.now_ns(),
}
