package k8s.admission.labels

import rego.v1

# Every workload must say which app it is and which team owns it.
required_labels := {"app", "team"}

violation contains {"msg": msg, "missing": missing} if {
    input.request.kind.kind in {"Pod", "Deployment", "StatefulSet"}
    provided := {label | input.request.object.metadata.labels[label]}
    missing := required_labels - provided
    count(missing) > 0
    msg := sprintf("missing required labels: %v", [missing])
}

violation contains {"msg": msg} if {
    value := input.request.object.metadata.labels.team
    not regex.match(`^[a-z][a-z0-9-]*$`, value)
    msg := sprintf("label team=%q is not a valid team name", [value])
}
