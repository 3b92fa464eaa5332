package k8s.admission.ingress

import future.keywords.every
import future.keywords.in

deny[msg] {
    input.request.kind.kind == "Ingress"
    some rule in input.request.object.spec.rules
    not valid_host(rule.host)
    msg := sprintf("invalid ingress host %q", [rule.host])
}

deny[msg] {
    input.request.kind.kind == "Ingress"
    some i, tls in input.request.object.spec.tls
    count(tls.hosts) == 0
    msg := sprintf("tls entry %d lists no hosts", [i])
}

valid_host(host) {
    every part in split(host, ".") {
        count(part) > 0
    }
    endswith(host, ".corp.example")
}

hosts := {h | h := input.request.object.spec.rules[_].host}

host_owner[host] := owner {
    some host in hosts
    owner := data.ownership[host]
}
