using System.Globalization;
using System.Text.Json.Nodes;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>
/// Tenants made from the seed's RBAC template (src/Tollgate.Cli/Demo, as <c>tollgate demo</c> uses them), each
/// with the demo's four smoke cases so every edge verifies a revision before serving it. Every measured round
/// adds a "probe" action that only the new revision allows, so a decision proves which revision answers.
/// </summary>
public sealed class SeedTenants
{
    private readonly string _template;
    private readonly JsonObject _data;
    private readonly bool _shared;

    public SeedTenants(string repoDirectory, string mode, int count)
    {
        var demo = Path.Combine(repoDirectory, "src", "Tollgate.Cli", "Demo");
        var seed = File.ReadAllText(Path.Combine(demo, "basic-rbac.rego"));
        _shared = mode == "shared";
        // Shared mode compiles one module for every tenant, so the tenant id cannot be substituted into the
        // source: the shared variant reads it from the tenant's data instead (the only change to the template).
        _template = _shared ? seed.Replace("\"{{TENANT_ID}}\"", "data.tenant_id", StringComparison.Ordinal) : seed;
        _data = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(demo, "tenant-data.json")))!;
        Mode = mode;
        for (var i = 0; i < count; i++) Ids.Add((1001 + i).ToString(CultureInfo.InvariantCulture));
    }

    public string Mode { get; }
    public List<string> Ids { get; } = [];
    public string TemplateSource => _template;

    /// <summary>The template with one more rule: viewers may do <paramref name="probeAction"/> (a new module).</summary>
    public string TemplateWithProbe(string probeAction) => _template + $$"""

        allow if {
            input.tenant_id == tenant_id
            input.action == "{{probeAction}}"
        }
        """;

    /// <summary>The tenant's registry record; <paramref name="viewerExtra"/> adds a permission to the viewer role (new data).</summary>
    public JsonObject Tenant(string id, string? viewerExtra)
    {
        var data = (JsonObject)_data.DeepClone();
        if (_shared) data["tenant_id"] = id;
        if (viewerExtra is not null) ((JsonArray)data["tenant_roles"]!["viewer"]!["permissions"]!).Add(viewerExtra);
        var smoke = new JsonArray();
        foreach (var (input, expected) in SmokeCases(id, OtherTenant(id)))
        {
            smoke.Add(new JsonObject { ["entrypoint"] = "tenant/authz/allow", ["input"] = JsonNode.Parse(input), ["expect"] = expected });
        }
        return new JsonObject { ["id"] = id, ["template"] = "basic-rbac", ["mode"] = Mode, ["data"] = data, ["smoke"] = smoke };
    }

    /// <summary>Input of a viewer doing <paramref name="action"/> in its own tenant.</summary>
    public static string ProbeInput(string id, string action) =>
        $$$"""{"tenant_id":"{{{id}}}","user":{"id":"u2","role":"viewer"},"action":"{{{action}}}","resource":{"type":"doc","owner":"u9"}}""";

    private string OtherTenant(string id) => Ids.Count > 1 && Ids[0] == id ? Ids[1] : Ids[0];

    /// <summary>The demo's sample checks (input, expected allow).</summary>
    private static (string Input, bool Expected)[] SmokeCases(string id, string other) =>
    [
        ($$$"""{"tenant_id":"{{{id}}}","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", true),
        ($$$"""{"tenant_id":"{{{id}}}","user":{"id":"u2","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
        ($$$"""{"tenant_id":"{{{id}}}","user":{"id":"u3","role":"guest"},"action":"read","resource":{"type":"doc","owner":"u3"}}""", true),
        ($$$"""{"tenant_id":"{{{other}}}","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
    ];
}
