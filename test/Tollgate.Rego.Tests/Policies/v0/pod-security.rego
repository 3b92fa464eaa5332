package k8s.admission.security

default allow = false

allow {
    count(violation) == 0
}

violation[msg] {
    c := input.request.object.spec.containers[_]
    c.securityContext.privileged
    msg := sprintf("privileged container %v", [c.name])
}

violation[msg] {
    c := input.request.object.spec.containers[_]
    not c.resources.limits.memory
    msg := sprintf("container %v has no memory limit", [c.name])
}

violation[msg] {
    input.request.object.spec.hostNetwork == true
    msg := "host networking is not allowed"
}

severity(msg) = "high" {
    contains(msg, "privileged")
} else = "medium" {
    contains(msg, "host")
} else = "low"

container_names[name] = c {
    c := input.request.object.spec.containers[_]
    name := c.name
}

memory_limit_bytes(c) = n {
    n := units.parse_bytes(c.resources.limits.memory)
}
