namespace Tollgate.Edge;

public sealed partial record EdgeOptions
{
    /// <summary>What <c>tollgate edge --help-edge</c> prints: every option <see cref="Parse"/> accepts, with its default.</summary>
    public const string Usage = """
        tollgate edge (--from-dir DIR | --control-plane URL --node-id ID [--token T]) [options]

        Tenants
          --from-dir DIR              each subfolder of DIR is a tenant id holding bundle.tar.gz (watched; a changed
                                      bundle is swapped in)
          --rescan-interval SECONDS   how often --from-dir is rescanned besides file events (default 10)
          --control-plane URL         long-poll this control plane for the node's index (docs/sync-protocol.md)
          --node-id ID                this node's id at the control plane
          --token T                   bearer token of this node (scope: node)
          --state-dir DIR             keep every tenant's last good revision here and serve it after a restart
                                      before the control plane answers
          --cache-dir DIR             precompiled module cache; processes sharing it compile each module once
          --verification-key FILE     require bundle signatures: PEM public key (RS256, ES256) or HS256 secret
          --verification-alg ALG      RS256 (default), ES256 or HS256

        Listeners
          --http-addr HOST:PORT       REST /v1/data, HTTP ext_authz under /check, /health, /ready, /metrics
                                      (default 127.0.0.1:8181)
          --grpc-addr HOST:PORT|off   Envoy ext_authz v3 gRPC, h2c (default 127.0.0.1:9191)

        Decisions
          --default-decision PATH     entrypoint for tenants that name none (default envoy/authz/allow)
          --tenant-header NAME        header naming the tenant when no context extension does (default x-tenant-id)
          --fail-open                 allow on evaluation errors for tenants that choose no mode (default: deny)
          --max-instances N           instances per tenant at most (default: cores, at least 2)
          --activation-parallelism N  tenants loaded and verified at once during a sync (default: cores, at most 4)

        Decision logs
          --decision-log FILE         append decisions as JSON lines
          --decision-log-url URL      POST batches of decisions to URL
          --decision-log-mask PATH    replace this input path with "**masked**" (repeat; e.g.
                                      attributes/request/http/headers/authorization)

        Other
          --quiet                     log warnings and errors only
          --help-edge                 this text
        """;
}
