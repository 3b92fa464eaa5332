package k8s.admission.images

allowed_registries := ["registry.corp.example/", "gcr.io/corp/"]

violation contains {"msg": msg, "container": c.name} if {
    some c in input_containers
    not trusted(c.image)
    msg := sprintf("image %v comes from an untrusted registry", [c.image])
}

violation contains {"msg": msg, "container": c.name} if {
    some c in input_containers
    endswith(c.image, ":latest")
    msg := sprintf("image %v uses the mutable tag latest", [c.image])
}

input_containers contains c if {
    c := input.request.object.spec.containers[_]
}

input_containers contains c if {
    c := input.request.object.spec.initContainers[_]
}

trusted(image) if {
    some prefix in allowed_registries
    startswith(image, prefix)
}
