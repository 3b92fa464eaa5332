package k8s.admission

good_pod := {"request": {
	"operation": "CREATE",
	"object": {
		"metadata": {"labels": {"team": "payments", "cost-center": "cc-1"}},
		"spec": {"containers": [{
			"name": "app",
			"image": "registry.example.com/payments/app:1.4.2",
			"resources": {"limits": {"memory": "256Mi"}},
		}]},
	},
}}

pod_with(container) = {"request": {
	"operation": "CREATE",
	"object": {
		"metadata": {"labels": {"team": "payments", "cost-center": "cc-1"}},
		"spec": {"containers": [container]},
	},
}}

test_good_pod_allowed {
	allowed with input as good_pod
}

test_good_pod_has_no_violations {
	count(violation) == 0 with input as good_pod
}

test_response_for_good_pod {
	response == {"allowed": true, "reasons": []} with input as good_pod
}

test_untrusted_registry_denied {
	msgs := deny with input as pod_with({"name": "app", "image": "evil.io/x/app:1.0", "resources": {"limits": {"memory": "1Gi"}}})
	msgs == {"container \"app\" uses image \"evil.io/x/app:1.0\" from registry \"evil.io\", which is not allowed"}
}

test_docker_hub_denied {
	some v
	violation[v] with input as pod_with({"name": "web", "image": "nginx:1.25", "resources": {"limits": {"memory": "1Gi"}}})
	v.field == "image"
	contains(v.msg, "docker.io")
}

test_latest_tag_denied {
	msgs := deny with input as pod_with({"name": "app", "image": "gcr.io/p/app:latest", "resources": {"limits": {"memory": "1Gi"}}})
	msgs["container \"app\" uses the mutable tag latest"]
}

test_missing_tag_means_latest {
	msgs := deny with input as pod_with({"name": "app", "image": "gcr.io/p/app", "resources": {"limits": {"memory": "1Gi"}}})
	msgs["container \"app\" uses the mutable tag latest"]
}

test_digest_is_not_latest {
	msgs := deny with input as pod_with({"name": "app", "image": "gcr.io/p/app@sha256:abc", "resources": {"limits": {"memory": "1Gi"}}})
	count(msgs) == 0
}

test_privileged_denied {
	msgs := deny with input as pod_with({"name": "app", "image": "gcr.io/p/app:1", "securityContext": {"privileged": true}, "resources": {"limits": {"memory": "1Gi"}}})
	msgs == {"container \"app\" must not run privileged"}
}

test_unprivileged_allowed {
	allowed with input as pod_with({"name": "app", "image": "gcr.io/p/app:1", "securityContext": {"privileged": false}, "resources": {"limits": {"memory": "1Gi"}}})
}

test_memory_limit_required {
	msgs := deny with input as pod_with({"name": "app", "image": "gcr.io/p/app:1"})
	msgs == {"container \"app\" has no memory limit"}
}

test_missing_labels_reported_sorted {
	inp := json.patch(good_pod, [{"op": "replace", "path": "/request/object/metadata/labels", "value": {}}])
	msgs := deny with input as inp
	msgs == {"missing required labels: cost-center, team"}
}

test_one_missing_label {
	inp := json.patch(good_pod, [{"op": "remove", "path": "/request/object/metadata/labels/team"}])
	deny["missing required labels: team"] with input as inp
}

test_init_containers_checked {
	inp := json.patch(good_pod, [{"op": "add", "path": "/request/object/spec/initContainers", "value": [{"name": "init", "image": "busybox", "resources": {"limits": {"memory": "64Mi"}}}]}])
	count(deny) == 2 with input as inp
}

test_delete_skips_image_checks {
	inp := json.patch(good_pod, [
		{"op": "replace", "path": "/request/operation", "value": "DELETE"},
		{"op": "replace", "path": "/request/object/spec/containers/0/image", "value": "evil.io/x:latest"},
	])
	allowed with input as inp
}

test_registries_from_data {
	inp := pod_with({"name": "app", "image": "quay.io/p/app:1", "resources": {"limits": {"memory": "1Gi"}}})
	allowed with input as inp with data.config.allowed_registries as ["quay.io"]
}

test_default_registries_without_data {
	allowed_registries == ["registry.example.com", "gcr.io"]
}

test_response_lists_reasons {
	r := response with input as pod_with({"name": "a", "image": "nginx"})
	r.allowed == false
	count(r.reasons) == 3
}

test_several_containers_each_reported {
	inp := json.patch(good_pod, [{"op": "add", "path": "/request/object/spec/containers/-", "value": {"name": "b", "image": "gcr.io/p/b:2"}}])
	deny == {"container \"b\" has no memory limit"} with input as inp
}

test_violation_fields {
	fields := {v.field | violation[v]} with input as pod_with({"name": "a", "image": "nginx", "securityContext": {"privileged": true}})
	fields == {"image", "securityContext", "resources"}
}
