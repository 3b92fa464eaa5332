package k8s.admission

import data.k8s.lib
import future.keywords.in

default allowed_registries = ["registry.example.com", "gcr.io"]

allowed_registries = data.config.allowed_registries

required_labels := {"team", "cost-center"}

violation[{"msg": msg, "field": "image"}] {
	lib.is_create_or_update
	c := lib.containers[_]
	registry := lib.image_registry(c.image)
	not registry in allowed_registries
	msg := sprintf("container %q uses image %q from registry %q, which is not allowed", [c.name, c.image, registry])
}

violation[{"msg": msg, "field": "image"}] {
	lib.is_create_or_update
	c := lib.containers[_]
	lib.image_tag(c.image) == "latest"
	msg := sprintf("container %q uses the mutable tag latest", [c.name])
}

violation[{"msg": msg, "field": "securityContext"}] {
	c := lib.containers[_]
	c.securityContext.privileged
	msg := sprintf("container %q must not run privileged", [c.name])
}

violation[{"msg": msg, "field": "resources"}] {
	c := lib.containers[_]
	not c.resources.limits.memory
	msg := sprintf("container %q has no memory limit", [c.name])
}

violation[{"msg": msg, "field": "metadata.labels"}] {
	provided := {k | input.request.object.metadata.labels[k]}
	missing := required_labels - provided
	count(missing) > 0
	msg := sprintf("missing required labels: %v", [concat(", ", sort(missing))])
}

deny[msg] {
	violation[v]
	msg := v.msg
}

default allowed = false

allowed {
	count(deny) == 0
}

response = {"allowed": allowed, "reasons": sort([m | deny[m]])}
