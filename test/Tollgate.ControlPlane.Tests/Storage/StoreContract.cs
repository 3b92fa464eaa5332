using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Storage;

/// <summary>
/// What every <see cref="IControlPlaneStore"/> must do, written once; SQLite and PostgreSQL tests call these
/// with a factory that opens the same database each time it is called.
/// </summary>
public static class StoreContract
{
    public static void MigrationsAreIdempotent(Func<IControlPlaneStore> open)
    {
        int version;
        using (var store = open())
        {
            version = store.SchemaVersion;
            Assert.True(version >= 2);
            store.PutTenant(Seed.Tenant("t1"));
        }
        using (var again = open())
        {
            Assert.Equal(version, again.SchemaVersion);
            Assert.NotNull(again.GetTenant("t1"));
        }
        using var third = open();
        Assert.Equal(version, third.SchemaVersion);
        Assert.Single(third.ListTenants());
    }

    public static void TenantsRoundTrip(Func<IControlPlaneStore> open)
    {
        using var store = open();
        var t = Seed.Tenant("acme", BuildMode.Shared) with { Parameters = new JsonObject { ["region"] = "eu" }, Smoke = [new JsonObject { ["expect"] = true }] };
        store.PutTenant(t);
        store.PutTenant(Seed.Tenant("beta"));
        var read = store.GetTenant("acme")!;
        Assert.Equal(BuildMode.Shared, read.Mode);
        Assert.Equal("eu", read.Parameters["region"]!.GetValue<string>());
        Assert.Single(read.Smoke);
        Assert.Equal(1000, read.Data["tenant_config"]!["max_api_calls_per_minute"]!.GetValue<int>());
        Assert.Null(store.GetTenant("nobody"));
        Assert.Equal(["acme", "beta"], store.ListTenants().Select(x => x.Id));

        Assert.True(store.SetTenantStatus("beta", "suspended"));
        Assert.False(store.SetTenantStatus("nobody", "suspended"));
        Assert.False(store.GetTenant("beta")!.IsActive);

        // Put again updates in place (an upsert), it does not duplicate.
        store.PutTenant(t with { Mode = BuildMode.Substitution });
        Assert.Equal(BuildMode.Substitution, store.GetTenant("acme")!.Mode);
        Assert.Equal(2, store.ListTenants().Count);
    }

    public static void TemplatesAreVersioned(Func<IControlPlaneStore> open)
    {
        using var store = open();
        Assert.Equal(1, store.PutTemplate("rbac", "package a", Seed.Entrypoints).Version);
        Assert.Equal(2, store.PutTemplate("rbac", "package b", ["x/y"]).Version);
        Assert.Equal("package b", store.GetTemplate("rbac")!.Source);
        Assert.Equal("package a", store.GetTemplate("rbac", 1)!.Source);
        Assert.Equal(Seed.Entrypoints, store.GetTemplate("rbac", 1)!.Entrypoints);
        Assert.Null(store.GetTemplate("rbac", 3));
        Assert.Equal(2, store.ListTemplates().Count);
        store.PutLibrary("common", "package lib.common");
        store.PutLibrary("common", "package lib.common\nx := 1");
        Assert.Contains("x := 1", Assert.Single(store.ListLibraries()).Source, StringComparison.Ordinal);
    }

    public static void RevisionsAreImmutable(Func<IControlPlaneStore> open)
    {
        using var store = open();
        store.PutTenant(Seed.Tenant("t1"));
        var first = Seed.Revision("t1", 1);
        store.Publish([first], null, "op");
        Assert.Equal(2, store.NextRevisionNumber("t1"));
        // Publishing the same number again, with other content, must fail and leave the original untouched.
        Assert.ThrowsAny<Exception>(() => store.Publish([Seed.Revision("t1", 1, sha: Seed.Sha("other", 9))], null, "op"));
        Assert.Equal(first.Sha256, store.GetRevision("t1", 1)!.Sha256);
        Assert.Single(store.ListRevisions("t1"));
    }

    public static void PublishIsAtomic(Func<IControlPlaneStore> open)
    {
        using var store = open();
        foreach (var id in new[] { "a", "b", "c" }) store.PutTenant(Seed.Tenant(id));
        store.Publish([Seed.Revision("a", 1), Seed.Revision("b", 1), Seed.Revision("c", 1)], null, "op");

        // The third revision collides with an existing one: nothing of this publish may remain.
        Assert.ThrowsAny<Exception>(() => store.Publish([Seed.Revision("a", 2), Seed.Revision("b", 2), Seed.Revision("c", 1, Seed.Sha("x", 1))], null, "op"));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 1 }, store.GlobalAssignments().OrderBy(p => p.Key).ToDictionary());
        Assert.Null(store.GetRevision("a", 2));
        Assert.Null(store.GetRevision("b", 2));
        Assert.Single(store.ListAudit(), a => a.Action == "publish");
    }

    public static void CanaryPromoteRollback(Func<IControlPlaneStore> open)
    {
        using var store = open();
        store.PutTenant(Seed.Tenant("t"));
        store.RecordNode("n1", null);
        store.RecordNode("n2", null);
        store.Publish([Seed.Revision("t", 1)], null, "op");
        store.Publish([Seed.Revision("t", 2)], ["n1"], "op");

        Assert.Equal(1, store.GlobalAssignments()["t"]);
        var onCanary = Assert.Single(store.AssignmentsFor("n1"));
        Assert.Equal(2, onCanary.Revision.Number);
        Assert.True(onCanary.Canary);
        var elsewhere = Assert.Single(store.AssignmentsFor("n2"));
        Assert.Equal(1, elsewhere.Revision.Number);
        Assert.False(elsewhere.Canary);

        Assert.True(store.Promote("t", "op"));
        Assert.False(store.Promote("t", "op")); // nothing left on canary
        Assert.Equal(2, store.GlobalAssignments()["t"]);
        Assert.All(new[] { "n1", "n2", "n3" }, n => Assert.Equal(2, Assert.Single(store.AssignmentsFor(n)).Revision.Number));

        Assert.True(store.Rollback("t", 1, "op"));
        Assert.False(store.Rollback("t", 7, "op"));
        Assert.Equal(1, store.GlobalAssignments()["t"]);
        Assert.Equal(1, Assert.Single(store.AssignmentsFor("n1")).Revision.Number);
        Assert.Equal(2, store.ListRevisions("t").Count); // rollback moves the pointer, it never removes revisions

        var actions = store.ListAudit().Select(a => a.Action).ToList();
        Assert.Equal(["rollback", "promote", "publish", "publish"], actions);
    }

    public static void AssignmentsPerNode(Func<IControlPlaneStore> open)
    {
        using var store = open();
        foreach (var id in new[] { "a", "b", "c" }) store.PutTenant(Seed.Tenant(id));
        store.Publish([Seed.Revision("a", 1), Seed.Revision("b", 1)], null, "op");
        // c exists only on the canary node until promoted.
        store.Publish([Seed.Revision("c", 1)], ["n1"], "op");

        Assert.Equal(["a", "b", "c"], store.AssignmentsFor("n1").Select(a => a.TenantId));
        Assert.Equal(["a", "b"], store.AssignmentsFor("n2").Select(a => a.TenantId));

        // A suspended tenant disappears from every node's assignments.
        store.SetTenantStatus("b", "suspended");
        Assert.Equal(["a", "c"], store.AssignmentsFor("n1").Select(a => a.TenantId));
        Assert.Equal(["a"], store.AssignmentsFor("n2").Select(a => a.TenantId));

        store.RecordNode("n1", """{"tenants":[]}""");
        store.RecordNode("n1", null); // a poll keeps the last status
        var node = Assert.Single(store.ListNodes());
        Assert.NotNull(node.Status);
    }

    public static void RollbackCarriesTheRevisionsSmokeCases(Func<IControlPlaneStore> open)
    {
        using var store = open();
        var oldCases = new JsonArray(new JsonObject { ["input"] = new JsonObject { ["v"] = 1 }, ["expect"] = true });
        var newCases = new JsonArray(new JsonObject { ["input"] = new JsonObject { ["v"] = 1 }, ["expect"] = false });
        store.PutTenant(Seed.Tenant("t") with { Smoke = oldCases });
        store.Publish([Seed.Revision("t", 1) with { Smoke = (JsonArray)oldCases.DeepClone() }], null, "op");
        store.PutTenant(Seed.Tenant("t") with { Smoke = newCases });
        store.Publish([Seed.Revision("t", 2) with { Smoke = (JsonArray)newCases.DeepClone() }], null, "op");
        // A revision stored without cases (made before schema step 3) falls back to the tenant's current ones.
        store.Publish([Seed.Revision("t", 3)], null, "op");

        Assert.False(Assert.Single(store.AssignmentsFor("n")).Smoke[0]!["expect"]!.GetValue<bool>());
        Assert.Null(store.GetRevision("t", 3)!.Smoke);
        Assert.True(store.Rollback("t", 1, "op"));
        var rolledBack = Assert.Single(store.AssignmentsFor("n"));
        Assert.Equal(1, rolledBack.Revision.Number);
        Assert.True(rolledBack.Smoke[0]!["expect"]!.GetValue<bool>());
        Assert.Equal(oldCases.ToJsonString(), store.GetRevision("t", 1)!.Smoke!.ToJsonString());
    }
}
