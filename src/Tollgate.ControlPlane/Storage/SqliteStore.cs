using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static Tollgate.ControlPlane.Storage.StoreRows;

namespace Tollgate.ControlPlane.Storage;

/// <summary>The embedded default store: one SQLite file (WAL), one connection guarded by a lock.</summary>
public sealed class SqliteStore : IControlPlaneStore
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    public SqliteStore(string path, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        Migrate();
    }

    public int SchemaVersion { get; private set; }

    private void Migrate()
    {
        Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        for (var i = current; i < Migrations.Steps.Length; i++)
        {
            using var tx = _db.BeginTransaction();
            Exec(Migrations.Steps[i], tx);
            Exec($"INSERT INTO schema_version (version) VALUES ({i + 1})", tx);
            tx.Commit();
        }
        SchemaVersion = Migrations.Steps.Length;
    }

    public TemplateRecord PutTemplate(string name, string source, IReadOnlyList<string> entrypoints)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            var version = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM templates WHERE name = $n", tx, ("$n", name)), CultureInfo.InvariantCulture);
            var now = _time.GetUtcNow();
            Exec("INSERT INTO templates (name, version, source, entrypoints, created) VALUES ($n, $v, $s, $e, $c)", tx,
                ("$n", name), ("$v", version), ("$s", source), ("$e", JsonSerializer.Serialize(entrypoints)), ("$c", Time(now)));
            tx.Commit();
            return new TemplateRecord(name, version, source, entrypoints, now);
        }
    }

    public TemplateRecord? GetTemplate(string name, int? version = null)
    {
        lock (_lock)
        {
            var sql = version is null
                ? "SELECT name, version, source, entrypoints, created FROM templates WHERE name = $n ORDER BY version DESC LIMIT 1"
                : "SELECT name, version, source, entrypoints, created FROM templates WHERE name = $n AND version = $v";
            return Query(sql, ReadTemplate, ("$n", name), ("$v", version ?? 0)).FirstOrDefault();
        }
    }

    public IReadOnlyList<TemplateRecord> ListTemplates()
    {
        lock (_lock) return Query("SELECT name, version, source, entrypoints, created FROM templates ORDER BY name, version", ReadTemplate);
    }

    public void PutLibrary(string name, string source)
    {
        lock (_lock)
        {
            Exec("INSERT INTO libraries (name, source, updated) VALUES ($n, $s, $u) ON CONFLICT(name) DO UPDATE SET source = $s, updated = $u", null,
                ("$n", name), ("$s", source), ("$u", Time(_time.GetUtcNow())));
        }
    }

    public IReadOnlyList<LibraryRecord> ListLibraries()
    {
        lock (_lock) return Query("SELECT name, source, updated FROM libraries ORDER BY name", r => new LibraryRecord(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2))));
    }

    public void PutTenant(TenantRecord tenant)
    {
        lock (_lock)
        {
            Exec("""
                INSERT INTO tenants (id, status, template, template_version, mode, parameters, data, smoke, updated)
                VALUES ($id, $st, $tp, $tv, $m, $p, $d, $sm, $u)
                ON CONFLICT(id) DO UPDATE SET status = $st, template = $tp, template_version = $tv, mode = $m,
                    parameters = $p, data = $d, smoke = $sm, updated = $u
                """, null,
                ("$id", tenant.Id), ("$st", tenant.Status), ("$tp", tenant.Template), ("$tv", (object?)tenant.TemplateVersion ?? DBNull.Value),
                ("$m", tenant.Mode.ToString().ToLowerInvariant()), ("$p", tenant.Parameters.ToJsonString()), ("$d", tenant.Data.ToJsonString()),
                ("$sm", tenant.Smoke.ToJsonString()), ("$u", Time(_time.GetUtcNow())));
        }
    }

    public TenantRecord? GetTenant(string id)
    {
        lock (_lock) return Query("SELECT id, status, template, template_version, mode, parameters, data, smoke, updated FROM tenants WHERE id = $id", ReadTenant, ("$id", id)).FirstOrDefault();
    }

    public IReadOnlyList<TenantRecord> ListTenants()
    {
        lock (_lock) return Query("SELECT id, status, template, template_version, mode, parameters, data, smoke, updated FROM tenants ORDER BY id", ReadTenant);
    }

    public bool SetTenantStatus(string id, string status)
    {
        lock (_lock) return Exec("UPDATE tenants SET status = $s, updated = $u WHERE id = $id", null, ("$s", status), ("$u", Time(_time.GetUtcNow())), ("$id", id)) == 1;
    }

    public int NextRevisionNumber(string tenantId)
    {
        lock (_lock) return Convert.ToInt32(Scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE tenant_id = $t", null, ("$t", tenantId)), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<RevisionRecord> ListRevisions(string tenantId)
    {
        lock (_lock) return Query(RevisionSelect + " WHERE tenant_id = $t ORDER BY number", ReadRevision, ("$t", tenantId));
    }

    public RevisionRecord? GetRevision(string tenantId, int number)
    {
        lock (_lock) return Query(RevisionSelect + " WHERE tenant_id = $t AND number = $n", ReadRevision, ("$t", tenantId), ("$n", number)).FirstOrDefault();
    }

    public void Publish(IReadOnlyList<RevisionRecord> revisions, IReadOnlyList<string>? canaryNodes, string actor)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            foreach (var r in revisions)
            {
                Exec("""
                    INSERT INTO revisions (tenant_id, number, sha256, wasm_sha256, template, template_version, entrypoint, size_bytes, created_by, created, smoke)
                    VALUES ($t, $n, $s, $w, $tp, $tv, $e, $z, $by, $c, $sm)
                    """, tx,
                    ("$t", r.TenantId), ("$n", r.Number), ("$s", r.Sha256), ("$w", r.WasmSha256), ("$tp", r.Template),
                    ("$tv", r.TemplateVersion), ("$e", r.Entrypoint), ("$z", r.SizeBytes), ("$by", r.CreatedBy), ("$c", Time(r.Created)),
                    ("$sm", r.Smoke?.ToJsonString()));
                if (canaryNodes is null)
                {
                    Exec("INSERT INTO assignments (tenant_id, revision) VALUES ($t, $n) ON CONFLICT(tenant_id) DO UPDATE SET revision = $n", tx, ("$t", r.TenantId), ("$n", r.Number));
                    Exec("DELETE FROM canary_assignments WHERE tenant_id = $t", tx, ("$t", r.TenantId));
                }
                else
                {
                    foreach (var node in canaryNodes)
                    {
                        Exec("INSERT INTO canary_assignments (node_id, tenant_id, revision) VALUES ($node, $t, $n) ON CONFLICT(node_id, tenant_id) DO UPDATE SET revision = $n", tx,
                            ("$node", node), ("$t", r.TenantId), ("$n", r.Number));
                    }
                }
            }
            var scope = canaryNodes is null ? "all nodes" : $"canary nodes {string.Join(',', canaryNodes)}";
            AuditCore(actor, "publish", $"{revisions.Count} revision(s) to {scope}: {Summary(revisions)}", tx);
            tx.Commit();
        }
    }

    public bool Promote(string tenantId, string actor)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            var canary = Scalar("SELECT MAX(revision) FROM canary_assignments WHERE tenant_id = $t", tx, ("$t", tenantId));
            if (canary is null or DBNull) return false;
            var rev = Convert.ToInt32(canary, CultureInfo.InvariantCulture);
            Exec("INSERT INTO assignments (tenant_id, revision) VALUES ($t, $n) ON CONFLICT(tenant_id) DO UPDATE SET revision = $n", tx, ("$t", tenantId), ("$n", rev));
            Exec("DELETE FROM canary_assignments WHERE tenant_id = $t", tx, ("$t", tenantId));
            AuditCore(actor, "promote", $"{tenantId} → revision {rev} on all nodes", tx);
            tx.Commit();
            return true;
        }
    }

    public bool Rollback(string tenantId, int revision, string actor)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            var exists = Scalar("SELECT COUNT(*) FROM revisions WHERE tenant_id = $t AND number = $n", tx, ("$t", tenantId), ("$n", revision));
            if (Convert.ToInt32(exists, CultureInfo.InvariantCulture) == 0) return false;
            Exec("INSERT INTO assignments (tenant_id, revision) VALUES ($t, $n) ON CONFLICT(tenant_id) DO UPDATE SET revision = $n", tx, ("$t", tenantId), ("$n", revision));
            Exec("DELETE FROM canary_assignments WHERE tenant_id = $t", tx, ("$t", tenantId));
            AuditCore(actor, "rollback", $"{tenantId} → revision {revision}", tx);
            tx.Commit();
            return true;
        }
    }

    public IReadOnlyList<Assignment> AssignmentsFor(string nodeId)
    {
        lock (_lock)
        {
            return Query($"""
                SELECT r.tenant_id, r.number, r.sha256, r.wasm_sha256, r.template, r.template_version, r.entrypoint, r.size_bytes, r.created_by, r.created,
                       r.smoke, COALESCE(r.smoke, t.smoke), c.revision IS NOT NULL
                FROM tenants t
                JOIN assignments a ON a.tenant_id = t.id
                LEFT JOIN canary_assignments c ON c.tenant_id = t.id AND c.node_id = $node
                JOIN revisions r ON r.tenant_id = t.id AND r.number = COALESCE(c.revision, a.revision)
                WHERE t.status = 'active'
                UNION ALL
                SELECT r.tenant_id, r.number, r.sha256, r.wasm_sha256, r.template, r.template_version, r.entrypoint, r.size_bytes, r.created_by, r.created,
                       r.smoke, COALESCE(r.smoke, t.smoke), 1
                FROM canary_assignments c
                JOIN tenants t ON t.id = c.tenant_id
                JOIN revisions r ON r.tenant_id = c.tenant_id AND r.number = c.revision
                WHERE c.node_id = $node AND t.status = 'active' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.tenant_id = c.tenant_id)
                ORDER BY 1
                """,
                r => new Assignment(r.GetString(0), ReadRevision(r), JsonNode.Parse(r.GetString(11)) as JsonArray ?? [], r.GetInt64(12) != 0),
                ("$node", nodeId));
        }
    }

    public IReadOnlyDictionary<string, int> GlobalAssignments()
    {
        lock (_lock)
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (t, n) in Query("SELECT tenant_id, revision FROM assignments", r => (r.GetString(0), r.GetInt32(1)))) map[t] = n;
            return map;
        }
    }

    public void RecordNode(string nodeId, string? statusJson)
    {
        lock (_lock)
        {
            Exec(statusJson is null
                    ? "INSERT INTO nodes (id, last_seen) VALUES ($id, $t) ON CONFLICT(id) DO UPDATE SET last_seen = $t"
                    : "INSERT INTO nodes (id, last_seen, status) VALUES ($id, $t, $s) ON CONFLICT(id) DO UPDATE SET last_seen = $t, status = $s",
                null, ("$id", nodeId), ("$t", Time(_time.GetUtcNow())), ("$s", (object?)statusJson ?? DBNull.Value));
        }
    }

    public IReadOnlyList<NodeRecord> ListNodes()
    {
        lock (_lock)
        {
            return Query("SELECT id, last_seen, status FROM nodes ORDER BY id",
                r => new NodeRecord(r.GetString(0), ParseTime(r.GetString(1)), r.IsDBNull(2) ? null : JsonNode.Parse(r.GetString(2)) as JsonObject));
        }
    }

    public void Audit(string actor, string action, string detail)
    {
        lock (_lock) AuditCore(actor, action, detail, null);
    }

    public IReadOnlyList<AuditRecord> ListAudit(int limit = 200)
    {
        lock (_lock)
        {
            return Query("SELECT id, actor, action, detail, at FROM audit ORDER BY id DESC LIMIT $l",
                r => new AuditRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4))), ("$l", limit));
        }
    }

    public void Dispose() => _db.Dispose();

    private void AuditCore(string actor, string action, string detail, SqliteTransaction? tx) =>
        Exec("INSERT INTO audit (actor, action, detail, at) VALUES ($a, $ac, $d, $t)", tx, ("$a", actor), ("$ac", action), ("$d", detail), ("$t", Time(_time.GetUtcNow())));

    private static string Summary(IReadOnlyList<RevisionRecord> revisions)
    {
        var parts = new List<string>();
        for (var i = 0; i < revisions.Count && i < 10; i++) parts.Add($"{revisions[i].TenantId}@{revisions[i].Number}");
        if (revisions.Count > 10) parts.Add($"… {revisions.Count - 10} more");
        return string.Join(", ", parts);
    }

    private int Exec(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return cmd.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(sql, null, args);
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx, (string Name, object? Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            if (sql.Contains(name, StringComparison.Ordinal)) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }
}
