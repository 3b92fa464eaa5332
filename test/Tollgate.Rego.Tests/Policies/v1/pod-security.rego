package k8s.admission.security

default allow = false

allow if {
    count(violation) == 0
}

violation contains msg if {
    c := input.request.object.spec.containers[_]
    c.securityContext.privileged
    msg := sprintf("privileged container %v", [c.name])
}

violation contains msg if {
    c := input.request.object.spec.containers[_]
    not c.resources.limits.memory
    msg := sprintf("container %v has no memory limit", [c.name])
}

violation contains msg if {
    input.request.object.spec.hostNetwork == true
    msg := "host networking is not allowed"
}

severity(msg) = "high" if {
    contains(msg, "privileged")
} else = "medium" if {
    contains(msg, "host")
} else = "low"

container_names[name] = c if {
    c := input.request.object.spec.containers[_]
    name := c.name
}

memory_limit_bytes(c) = n if {
    n := units.parse_bytes(c.resources.limits.memory)
}
