using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Builds;
using Tollgate.ControlPlane.Storage;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Builds;

public sealed class TenantBuilderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteStore _store;

    public TenantBuilderTests()
    {
        _store = new SqliteStore(_dir.File("cp.db"));
        _store.PutTemplate("basic-rbac", Seed.Template, Seed.Entrypoints);
    }

    [Fact]
    public void Substitution_mode_builds_one_module_per_tenant()
    {
        var builder = new TenantBuilder(_store);
        var builds = builder.BuildAll([Seed.Tenant("1001"), Seed.Tenant("1002")]);
        Assert.All(builds, b => Assert.True(b.Success, b.Error));
        // The tenant id is compiled into the module, so the modules differ.
        Assert.NotEqual(builds[0].WasmSha256, builds[1].WasmSha256);
        Assert.Equal(64, builds[0].BundleSha256!.Length);
        Assert.Equal("tenant/authz/allow", builds[0].Entrypoint);
        Assert.Equal(1, builds[0].TemplateVersion);
    }

    [Fact]
    public void Shared_mode_gives_every_tenant_of_a_template_version_the_same_module()
    {
        _store.PutTemplate("shared-rbac", """
            package tenant.authz
            import rego.v1
            default allow := false
            allow if input.action in data.tenant_roles[input.user.role].permissions
            decision := {"allowed": allow}
            """, Seed.Entrypoints);
        var builder = new TenantBuilder(_store);
        var other = Seed.Tenant("b", BuildMode.Shared, "shared-rbac") with { Data = new JsonObject { ["tenant_roles"] = new JsonObject() } };
        var builds = builder.BuildAll([Seed.Tenant("a", BuildMode.Shared, "shared-rbac"), other, Seed.Tenant("c", BuildMode.Shared, "shared-rbac")]);
        Assert.All(builds, b => Assert.True(b.Success, b.Error));
        Assert.Equal(builds[0].WasmSha256, builds[1].WasmSha256);
        Assert.Equal(builds[0].WasmSha256, builds[2].WasmSha256);
        // Bundles still differ: each carries its tenant's data and manifest.
        Assert.NotEqual(builds[0].BundleSha256, builds[1].BundleSha256);

        // A new template version is a new module.
        _store.PutTemplate("shared-rbac", "package tenant.authz\nimport rego.v1\ndefault allow := true\ndecision := {\"allowed\": allow}", Seed.Entrypoints);
        var next = builder.Build(Seed.Tenant("a", BuildMode.Shared, "shared-rbac"));
        Assert.True(next.Success, next.Error);
        Assert.Equal(2, next.TemplateVersion);
        Assert.NotEqual(builds[0].WasmSha256, next.WasmSha256);
    }

    [Fact]
    public void Substitution_fills_tenant_id_and_parameters()
    {
        var tenant = Seed.Tenant("acme") with { Parameters = new JsonObject { ["limit"] = 5, ["region"] = "eu" } };
        Assert.Equal("id=acme limit=5 region=eu {{unknown}}", TenantBuilder.Substitute("id={{TENANT_ID}} limit={{limit}} region={{region}} {{unknown}}", tenant));
    }

    [Fact]
    public void Module_over_the_size_limit_is_refused()
    {
        var build = new TenantBuilder(_store, maxModuleBytes: 1024).Build(Seed.Tenant("1001"));
        Assert.False(build.Success);
        Assert.Contains("1024-byte limit", build.Error, StringComparison.Ordinal);
        Assert.True(new TenantBuilder(_store).Build(Seed.Tenant("1001")).Success);
    }

    [Fact]
    public void Compile_errors_come_back_with_diagnostics()
    {
        _store.PutTemplate("broken", "package tenant.authz\nimport rego.v1\nallow if { input.x == undefined_var_here }\n", Seed.Entrypoints);
        var build = new TenantBuilder(_store).Build(Seed.Tenant("t", template: "broken"));
        Assert.False(build.Success);
        Assert.Equal("compile failed", build.Error);
        Assert.Contains(build.Diagnostics, d => d.Message.Contains("undefined_var_here", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_template_is_an_error_not_an_exception()
    {
        var build = new TenantBuilder(_store).Build(Seed.Tenant("t", template: "nope"));
        Assert.False(build.Success);
        Assert.Contains("not found", build.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
