package k8s.lib

import future.keywords.in

# Helpers shared by the admission policies (Rego v0 syntax, as most libraries in the wild).

containers[c] {
	c := input.request.object.spec.containers[_]
}

containers[c] {
	c := input.request.object.spec.initContainers[_]
}

image_registry(image) = registry {
	parts := split(image, "/")
	count(parts) > 1
	contains(parts[0], ".")
	registry := parts[0]
}

image_registry(image) = "docker.io" {
	parts := split(image, "/")
	not contains(parts[0], ".")
}

image_registry(image) = "docker.io" {
	parts := split(image, "/")
	count(parts) == 1
}

image_tag(image) = tag {
	not contains(image, "@")
	parts := split(image, ":")
	count(parts) > 1
	tag := parts[count(parts) - 1]
	not contains(tag, "/")
}

image_tag(image) = "latest" {
	not contains(image, "@")
	not has_tag(image)
}

has_tag(image) {
	parts := split(image, ":")
	count(parts) > 1
	not contains(parts[count(parts) - 1], "/")
}

is_create_or_update {
	input.request.operation in {"CREATE", "UPDATE"}
}

label(name) = value {
	value := input.request.object.metadata.labels[name]
}
