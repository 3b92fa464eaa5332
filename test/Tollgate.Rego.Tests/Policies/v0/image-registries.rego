package k8s.admission.images

import future.keywords.in

allowed_registries := ["registry.corp.example/", "gcr.io/corp/"]

violation[{"msg": msg, "container": c.name}] {
    some c in input_containers
    not trusted(c.image)
    msg := sprintf("image %v comes from an untrusted registry", [c.image])
}

violation[{"msg": msg, "container": c.name}] {
    some c in input_containers
    endswith(c.image, ":latest")
    msg := sprintf("image %v uses the mutable tag latest", [c.image])
}

input_containers[c] {
    c := input.request.object.spec.containers[_]
}

input_containers[c] {
    c := input.request.object.spec.initContainers[_]
}

trusted(image) {
    some prefix in allowed_registries
    startswith(image, prefix)
}
