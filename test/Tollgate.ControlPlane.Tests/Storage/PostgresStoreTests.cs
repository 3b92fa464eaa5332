using Npgsql;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Storage;

/// <summary>The store contract on a real PostgreSQL (TOLLGATE_TEST_POSTGRES); each test gets its own schema.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    private string? _admin;

    private IControlPlaneStore Open()
    {
        if (_admin is null)
        {
            _admin = ServiceFactAttribute.Require("TOLLGATE_TEST_POSTGRES");
            using var db = new NpgsqlConnection(_admin);
            db.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {_schema}", db);
            cmd.ExecuteNonQuery();
        }
        return new PostgresStore(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema }.ToString());
    }

    [PostgresFact] public void Migrations_are_idempotent() => StoreContract.MigrationsAreIdempotent(Open);
    [PostgresFact] public void Tenants_round_trip() => StoreContract.TenantsRoundTrip(Open);
    [PostgresFact] public void Templates_are_versioned() => StoreContract.TemplatesAreVersioned(Open);
    [PostgresFact] public void Revisions_are_immutable() => StoreContract.RevisionsAreImmutable(Open);
    [PostgresFact] public void Publish_is_atomic() => StoreContract.PublishIsAtomic(Open);
    [PostgresFact] public void Canary_promote_rollback() => StoreContract.CanaryPromoteRollback(Open);
    [PostgresFact] public void Assignments_per_node() => StoreContract.AssignmentsPerNode(Open);
    [PostgresFact] public void Rollback_carries_the_revisions_smoke_cases() => StoreContract.RollbackCarriesTheRevisionsSmokeCases(Open);

    [PostgresFact]
    public void Database_refuses_to_change_a_revision()
    {
        using (var store = Open())
        {
            store.PutTenant(Seed.Tenant("t"));
            store.Publish([Seed.Revision("t", 1)], null, "op");
        }
        using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema }.ToString());
        db.Open();
        using var update = new NpgsqlCommand("UPDATE revisions SET sha256 = 'x'", db);
        Assert.Contains("immutable", Assert.Throws<PostgresException>(() => update.ExecuteNonQuery()).Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Concurrent_migrations_apply_each_step_once()
    {
        Open().Dispose(); // creates the schema
        var stores = new IControlPlaneStore[4];
        Parallel.For(0, stores.Length, i => stores[i] = Open());
        foreach (var s in stores) s.Dispose();
        using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schema }.ToString());
        db.Open();
        using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", db);
        Assert.Equal(3L, (long)count.ExecuteScalar()!); // one row per migration step
    }

    public void Dispose()
    {
        if (_admin is null) return;
        NpgsqlConnection.ClearAllPools();
        using var db = new NpgsqlConnection(_admin);
        db.Open();
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", db);
        cmd.ExecuteNonQuery();
    }
}
