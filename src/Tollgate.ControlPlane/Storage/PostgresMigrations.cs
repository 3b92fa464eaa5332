namespace Tollgate.ControlPlane.Storage;

/// <summary>
/// The schema of <see cref="Migrations"/> in PostgreSQL's dialect, step for step (same numbering, so a
/// schema version means the same thing in both stores). Times are ISO-8601 text in both.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly string[] Steps =
    [
        """
        CREATE TABLE templates (name TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL,
            entrypoints TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE libraries (name TEXT PRIMARY KEY, source TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE tenants (id TEXT PRIMARY KEY, status TEXT NOT NULL, template TEXT NOT NULL,
            template_version INTEGER, mode TEXT NOT NULL, parameters TEXT NOT NULL, data TEXT NOT NULL,
            smoke TEXT NOT NULL, updated TEXT NOT NULL);
        CREATE TABLE revisions (tenant_id TEXT NOT NULL, number INTEGER NOT NULL, sha256 TEXT NOT NULL,
            wasm_sha256 TEXT NOT NULL, template TEXT NOT NULL, template_version INTEGER NOT NULL,
            entrypoint TEXT NOT NULL, size_bytes BIGINT NOT NULL, created_by TEXT NOT NULL, created TEXT NOT NULL,
            PRIMARY KEY (tenant_id, number));
        CREATE TABLE assignments (tenant_id TEXT PRIMARY KEY, revision INTEGER NOT NULL);
        CREATE TABLE canary_assignments (node_id TEXT NOT NULL, tenant_id TEXT NOT NULL, revision INTEGER NOT NULL,
            PRIMARY KEY (node_id, tenant_id));
        CREATE TABLE nodes (id TEXT PRIMARY KEY, last_seen TEXT NOT NULL, status TEXT);
        CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, actor TEXT NOT NULL, action TEXT NOT NULL,
            detail TEXT NOT NULL, at TEXT NOT NULL);
        """,
        """
        CREATE FUNCTION revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'revisions are immutable'; END $$;
        CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_immutable();
        CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_immutable();
        CREATE INDEX canary_by_tenant ON canary_assignments (tenant_id);
        """,
        // The smoke cases a revision was published with travel with it: a rollback is verified at the edge
        // against the cases that held for that revision, not the tenant's current ones. NULL for revisions
        // made before this step (their assignments fall back to the tenant's cases).
        """
        ALTER TABLE revisions ADD COLUMN smoke TEXT;
        """,
    ];
}
