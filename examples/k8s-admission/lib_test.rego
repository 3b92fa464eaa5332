package k8s.lib

test_registry_with_host {
	image_registry("registry.example.com/team/app:1.0") == "registry.example.com"
}

test_registry_defaults_to_docker_hub {
	image_registry("library/nginx:1.25") == "docker.io"
}

test_registry_for_bare_image {
	image_registry("nginx") == "docker.io"
}

test_tag_explicit {
	image_tag("gcr.io/p/app:1.2.3") == "1.2.3"
}

test_tag_with_port_in_registry {
	image_tag("localhost.local:5000/app") == "latest"
}

test_tag_default_latest {
	image_tag("gcr.io/p/app") == "latest"
}

test_digest_has_no_tag {
	not image_tag("gcr.io/p/app@sha256:abc")
}

test_operation_create {
	is_create_or_update with input as {"request": {"operation": "CREATE"}}
}

test_operation_delete {
	not is_create_or_update with input as {"request": {"operation": "DELETE"}}
}

test_label_lookup {
	label("team") == "payments" with input as {"request": {"object": {"metadata": {"labels": {"team": "payments"}}}}}
}
