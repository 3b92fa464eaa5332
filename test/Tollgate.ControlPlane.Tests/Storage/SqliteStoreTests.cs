using Microsoft.Data.Sqlite;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Storage;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private IControlPlaneStore Open() => new SqliteStore(_dir.File("cp.db"));

    [Fact] public void Migrations_are_idempotent() => StoreContract.MigrationsAreIdempotent(Open);
    [Fact] public void Tenants_round_trip() => StoreContract.TenantsRoundTrip(Open);
    [Fact] public void Templates_are_versioned() => StoreContract.TemplatesAreVersioned(Open);
    [Fact] public void Revisions_are_immutable() => StoreContract.RevisionsAreImmutable(Open);
    [Fact] public void Publish_is_atomic() => StoreContract.PublishIsAtomic(Open);
    [Fact] public void Canary_promote_rollback() => StoreContract.CanaryPromoteRollback(Open);
    [Fact] public void Assignments_per_node() => StoreContract.AssignmentsPerNode(Open);
    [Fact] public void Rollback_carries_the_revisions_smoke_cases() => StoreContract.RollbackCarriesTheRevisionsSmokeCases(Open);

    [Fact]
    public void Database_refuses_to_change_a_revision()
    {
        using (var store = Open())
        {
            store.PutTenant(Seed.Tenant("t"));
            store.Publish([Seed.Revision("t", 1)], null, "op");
        }
        using var db = new SqliteConnection($"Data Source={_dir.File("cp.db")};Pooling=False");
        db.Open();
        using var update = db.CreateCommand();
        update.CommandText = "UPDATE revisions SET sha256 = 'x'";
        Assert.Contains("immutable", Assert.Throws<SqliteException>(() => update.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        using var delete = db.CreateCommand();
        delete.CommandText = "DELETE FROM revisions";
        Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery());
    }

    public void Dispose() => _dir.Dispose();
}
