using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using static Tollgate.ControlPlane.Storage.StoreRows;

namespace Tollgate.ControlPlane.Storage;

/// <summary>
/// The store on PostgreSQL (<c>--postgres CONNSTRING</c>): the same schema and semantics as <see cref="SqliteStore"/>,
/// with pooled connections instead of one locked connection. A publish is one transaction, as there.
/// Migrations run under an advisory lock so several control planes may start against one database at once.
/// </summary>
public sealed class PostgresStore : IControlPlaneStore
{
    /// <summary>Arbitrary constant naming the migration lock.</summary>
    private const long MigrationLockKey = 0x7011_6A7E;

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    public PostgresStore(string connectionString, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _source = NpgsqlDataSource.Create(connectionString);
        Migrate();
    }

    public int SchemaVersion { get; private set; }

    private void Migrate()
    {
        using var db = _source.OpenConnection();
        using var tx = db.BeginTransaction();
        Exec(db, tx, "SELECT pg_advisory_xact_lock(@k)", ("@k", MigrationLockKey));
        Exec(db, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = Convert.ToInt32(Scalar(db, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        for (var i = current; i < PostgresMigrations.Steps.Length; i++)
        {
            Exec(db, tx, PostgresMigrations.Steps[i]);
            Exec(db, tx, "INSERT INTO schema_version (version) VALUES (@v)", ("@v", i + 1));
        }
        tx.Commit();
        SchemaVersion = PostgresMigrations.Steps.Length;
    }

    public TemplateRecord PutTemplate(string name, string source, IReadOnlyList<string> entrypoints)
    {
        using var db = _source.OpenConnection();
        using var tx = db.BeginTransaction();
        // Serialises version numbering per template name among concurrent pushes.
        Exec(db, tx, "SELECT pg_advisory_xact_lock(hashtext(@n))", ("@n", name));
        var version = Convert.ToInt32(Scalar(db, tx, "SELECT COALESCE(MAX(version), 0) + 1 FROM templates WHERE name = @n", ("@n", name)), CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        Exec(db, tx, "INSERT INTO templates (name, version, source, entrypoints, created) VALUES (@n, @v, @s, @e, @c)",
            ("@n", name), ("@v", version), ("@s", source), ("@e", JsonSerializer.Serialize(entrypoints)), ("@c", Time(now)));
        tx.Commit();
        return new TemplateRecord(name, version, source, entrypoints, now);
    }

    public TemplateRecord? GetTemplate(string name, int? version = null)
    {
        var sql = version is null
            ? "SELECT name, version, source, entrypoints, created FROM templates WHERE name = @n ORDER BY version DESC LIMIT 1"
            : "SELECT name, version, source, entrypoints, created FROM templates WHERE name = @n AND version = @v";
        var list = Query(sql, ReadTemplate, ("@n", name), ("@v", version ?? 0));
        return list.Count > 0 ? list[0] : null;
    }

    public IReadOnlyList<TemplateRecord> ListTemplates() =>
        Query("SELECT name, version, source, entrypoints, created FROM templates ORDER BY name, version", ReadTemplate);

    public void PutLibrary(string name, string source) =>
        Exec("INSERT INTO libraries (name, source, updated) VALUES (@n, @s, @u) ON CONFLICT (name) DO UPDATE SET source = @s, updated = @u",
            ("@n", name), ("@s", source), ("@u", Time(_time.GetUtcNow())));

    public IReadOnlyList<LibraryRecord> ListLibraries() =>
        Query("SELECT name, source, updated FROM libraries ORDER BY name", r => new LibraryRecord(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2))));

    public void PutTenant(TenantRecord tenant) =>
        Exec("""
            INSERT INTO tenants (id, status, template, template_version, mode, parameters, data, smoke, updated)
            VALUES (@id, @st, @tp, @tv, @m, @p, @d, @sm, @u)
            ON CONFLICT (id) DO UPDATE SET status = @st, template = @tp, template_version = @tv, mode = @m,
                parameters = @p, data = @d, smoke = @sm, updated = @u
            """,
            ("@id", tenant.Id), ("@st", tenant.Status), ("@tp", tenant.Template), ("@tv", (object?)tenant.TemplateVersion ?? DBNull.Value),
            ("@m", tenant.Mode.ToString().ToLowerInvariant()), ("@p", tenant.Parameters.ToJsonString()), ("@d", tenant.Data.ToJsonString()),
            ("@sm", tenant.Smoke.ToJsonString()), ("@u", Time(_time.GetUtcNow())));

    public TenantRecord? GetTenant(string id)
    {
        var list = Query(TenantSelect + " WHERE id = @id", ReadTenant, ("@id", id));
        return list.Count > 0 ? list[0] : null;
    }

    public IReadOnlyList<TenantRecord> ListTenants() => Query(TenantSelect + " ORDER BY id", ReadTenant);

    public bool SetTenantStatus(string id, string status) =>
        Exec("UPDATE tenants SET status = @s, updated = @u WHERE id = @id", ("@s", status), ("@u", Time(_time.GetUtcNow())), ("@id", id)) == 1;

    public int NextRevisionNumber(string tenantId)
    {
        using var db = _source.OpenConnection();
        return Convert.ToInt32(Scalar(db, null, "SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE tenant_id = @t", ("@t", tenantId)), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<RevisionRecord> ListRevisions(string tenantId) =>
        Query(RevisionSelect + " WHERE tenant_id = @t ORDER BY number", ReadRevision, ("@t", tenantId));

    public RevisionRecord? GetRevision(string tenantId, int number)
    {
        var list = Query(RevisionSelect + " WHERE tenant_id = @t AND number = @n", ReadRevision, ("@t", tenantId), ("@n", number));
        return list.Count > 0 ? list[0] : null;
    }

    public void Publish(IReadOnlyList<RevisionRecord> revisions, IReadOnlyList<string>? canaryNodes, string actor)
    {
        using var db = _source.OpenConnection();
        using var tx = db.BeginTransaction();
        foreach (var r in revisions)
        {
            Exec(db, tx, """
                INSERT INTO revisions (tenant_id, number, sha256, wasm_sha256, template, template_version, entrypoint, size_bytes, created_by, created, smoke)
                VALUES (@t, @n, @s, @w, @tp, @tv, @e, @z, @by, @c, @sm)
                """,
                ("@t", r.TenantId), ("@n", r.Number), ("@s", r.Sha256), ("@w", r.WasmSha256), ("@tp", r.Template),
                ("@tv", r.TemplateVersion), ("@e", r.Entrypoint), ("@z", r.SizeBytes), ("@by", r.CreatedBy), ("@c", Time(r.Created)),
                    ("@sm", r.Smoke?.ToJsonString()));
            if (canaryNodes is null)
            {
                Exec(db, tx, "INSERT INTO assignments (tenant_id, revision) VALUES (@t, @n) ON CONFLICT (tenant_id) DO UPDATE SET revision = @n", ("@t", r.TenantId), ("@n", r.Number));
                Exec(db, tx, "DELETE FROM canary_assignments WHERE tenant_id = @t", ("@t", r.TenantId));
            }
            else
            {
                foreach (var node in canaryNodes)
                {
                    Exec(db, tx, "INSERT INTO canary_assignments (node_id, tenant_id, revision) VALUES (@node, @t, @n) ON CONFLICT (node_id, tenant_id) DO UPDATE SET revision = @n",
                        ("@node", node), ("@t", r.TenantId), ("@n", r.Number));
                }
            }
        }
        var scope = canaryNodes is null ? "all nodes" : $"canary nodes {string.Join(',', canaryNodes)}";
        AuditCore(db, tx, actor, "publish", $"{revisions.Count} revision(s) to {scope}: {StoreText.Summary(revisions)}");
        tx.Commit();
    }

    public bool Promote(string tenantId, string actor)
    {
        using var db = _source.OpenConnection();
        using var tx = db.BeginTransaction();
        var canary = Scalar(db, tx, "SELECT MAX(revision) FROM canary_assignments WHERE tenant_id = @t", ("@t", tenantId));
        if (canary is null or DBNull) return false;
        var rev = Convert.ToInt32(canary, CultureInfo.InvariantCulture);
        Exec(db, tx, "INSERT INTO assignments (tenant_id, revision) VALUES (@t, @n) ON CONFLICT (tenant_id) DO UPDATE SET revision = @n", ("@t", tenantId), ("@n", rev));
        Exec(db, tx, "DELETE FROM canary_assignments WHERE tenant_id = @t", ("@t", tenantId));
        AuditCore(db, tx, actor, "promote", $"{tenantId} → revision {rev} on all nodes");
        tx.Commit();
        return true;
    }

    public bool Rollback(string tenantId, int revision, string actor)
    {
        using var db = _source.OpenConnection();
        using var tx = db.BeginTransaction();
        var exists = Scalar(db, tx, "SELECT COUNT(*) FROM revisions WHERE tenant_id = @t AND number = @n", ("@t", tenantId), ("@n", revision));
        if (Convert.ToInt32(exists, CultureInfo.InvariantCulture) == 0) return false;
        Exec(db, tx, "INSERT INTO assignments (tenant_id, revision) VALUES (@t, @n) ON CONFLICT (tenant_id) DO UPDATE SET revision = @n", ("@t", tenantId), ("@n", revision));
        Exec(db, tx, "DELETE FROM canary_assignments WHERE tenant_id = @t", ("@t", tenantId));
        AuditCore(db, tx, actor, "rollback", $"{tenantId} → revision {revision}");
        tx.Commit();
        return true;
    }

    public IReadOnlyList<Assignment> AssignmentsFor(string nodeId) =>
        Query("""
            SELECT r.tenant_id, r.number, r.sha256, r.wasm_sha256, r.template, r.template_version, r.entrypoint, r.size_bytes, r.created_by, r.created,
                   r.smoke, COALESCE(r.smoke, t.smoke), c.revision IS NOT NULL
            FROM tenants t
            JOIN assignments a ON a.tenant_id = t.id
            LEFT JOIN canary_assignments c ON c.tenant_id = t.id AND c.node_id = @node
            JOIN revisions r ON r.tenant_id = t.id AND r.number = COALESCE(c.revision, a.revision)
            WHERE t.status = 'active'
            UNION ALL
            SELECT r.tenant_id, r.number, r.sha256, r.wasm_sha256, r.template, r.template_version, r.entrypoint, r.size_bytes, r.created_by, r.created,
                   r.smoke, COALESCE(r.smoke, t.smoke), TRUE
            FROM canary_assignments c
            JOIN tenants t ON t.id = c.tenant_id
            JOIN revisions r ON r.tenant_id = c.tenant_id AND r.number = c.revision
            WHERE c.node_id = @node AND t.status = 'active' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.tenant_id = c.tenant_id)
            ORDER BY 1
            """,
            r => new Assignment(r.GetString(0), ReadRevision(r), JsonNode.Parse(r.GetString(11)) as JsonArray ?? [], r.GetBoolean(12)),
            ("@node", nodeId));

    public IReadOnlyDictionary<string, int> GlobalAssignments()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (t, n) in Query("SELECT tenant_id, revision FROM assignments", r => (r.GetString(0), r.GetInt32(1)))) map[t] = n;
        return map;
    }

    public void RecordNode(string nodeId, string? statusJson) =>
        Exec(statusJson is null
                ? "INSERT INTO nodes (id, last_seen) VALUES (@id, @t) ON CONFLICT (id) DO UPDATE SET last_seen = @t"
                : "INSERT INTO nodes (id, last_seen, status) VALUES (@id, @t, @s) ON CONFLICT (id) DO UPDATE SET last_seen = @t, status = @s",
            ("@id", nodeId), ("@t", Time(_time.GetUtcNow())), ("@s", (object?)statusJson ?? DBNull.Value));

    public IReadOnlyList<NodeRecord> ListNodes() =>
        Query("SELECT id, last_seen, status FROM nodes ORDER BY id",
            r => new NodeRecord(r.GetString(0), ParseTime(r.GetString(1)), r.IsDBNull(2) ? null : JsonNode.Parse(r.GetString(2)) as JsonObject));

    public void Audit(string actor, string action, string detail)
    {
        using var db = _source.OpenConnection();
        AuditCore(db, null, actor, action, detail);
    }

    public IReadOnlyList<AuditRecord> ListAudit(int limit = 200) =>
        Query("SELECT id, actor, action, detail, at FROM audit ORDER BY id DESC LIMIT @l",
            r => new AuditRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4))), ("@l", limit));

    public void Dispose() => _source.Dispose();

    private void AuditCore(NpgsqlConnection db, NpgsqlTransaction? tx, string actor, string action, string detail) =>
        Exec(db, tx, "INSERT INTO audit (actor, action, detail, at) VALUES (@a, @ac, @d, @t)", ("@a", actor), ("@ac", action), ("@d", detail), ("@t", Time(_time.GetUtcNow())));

    private const string TenantSelect = "SELECT id, status, template, template_version, mode, parameters, data, smoke, updated FROM tenants";

    private int Exec(string sql, params (string Name, object? Value)[] args)
    {
        using var db = _source.OpenConnection();
        return Exec(db, null, sql, args);
    }

    private static int Exec(NpgsqlConnection db, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(db, tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection db, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(db, tx, sql, args);
        return cmd.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object? Value)[] args)
    {
        using var db = _source.OpenConnection();
        using var cmd = Command(db, null, sql, args);
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    private static NpgsqlCommand Command(NpgsqlConnection db, NpgsqlTransaction? tx, string sql, (string Name, object? Value)[] args)
    {
        var cmd = new NpgsqlCommand(sql, db, tx);
        foreach (var (name, value) in args)
        {
            if (sql.Contains(name, StringComparison.Ordinal)) cmd.Parameters.AddWithValue(name[1..], value ?? DBNull.Value);
        }
        return cmd;
    }
}
