namespace Tollgate.Cli.Demo;

/// <summary>The seed's RBAC template and tenant data, embedded so the demo needs nothing but the binary.</summary>
internal static class DemoAssets
{
    public static string Template => Read("demo/basic-rbac.rego");

    public static string TenantData => Read("demo/tenant-data.json");

    /// <summary>The seed's substitution step (sed "s/{{TENANT_ID}}/ID/g").</summary>
    public static string PolicyFor(string tenantId) => Template.Replace("{{TENANT_ID}}", tenantId, StringComparison.Ordinal);

    /// <summary>Sample checks: (description, input JSON, expected allow).</summary>
    public static IReadOnlyList<(string Description, string Input, bool Expected)> SampleChecks(string tenantId, string otherTenant) =>
    [
        ("admin writes", $$$"""{"tenant_id":"{{{tenantId}}}","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", true),
        ("viewer writes", $$$"""{"tenant_id":"{{{tenantId}}}","user":{"id":"u2","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
        ("owner reads", $$$"""{"tenant_id":"{{{tenantId}}}","user":{"id":"u3","role":"guest"},"action":"read","resource":{"type":"doc","owner":"u3"}}""", true),
        ("admin of another tenant", $$$"""{"tenant_id":"{{{otherTenant}}}","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
    ];

    private static string Read(string name)
    {
        using var stream = typeof(DemoAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
