using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>The operator REST calls the benchmark makes (docs/control-plane.md).</summary>
public sealed class ControlPlaneApi(Uri baseUri, string operatorToken) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public Uri BaseUri => baseUri;

    public async Task<JsonNode?> CallAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Pushes a template version; returns its version number.</summary>
    public async Task<int> PushTemplateAsync(string name, string source)
    {
        var answer = await CallAsync(HttpMethod.Post, "/v1/templates", new JsonObject { ["name"] = name, ["source"] = source });
        return answer!["version"]!.GetValue<int>();
    }

    public Task PutTenantAsync(JsonObject tenant) => CallAsync(HttpMethod.Post, "/v1/tenants", tenant);

    /// <summary>Publishes every active tenant; returns tenant → new revision number.</summary>
    public async Task<Dictionary<string, string>> PublishAllAsync()
    {
        var answer = await CallAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        if (answer?["failures"] is JsonArray { Count: > 0 } failures)
        {
            throw new InvalidOperationException("publish had build failures: " + failures.ToJsonString());
        }
        var revisions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in answer?["revisions"] as JsonArray ?? [])
        {
            revisions[r!["tenant_id"]!.GetValue<string>()] = r["revision"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return revisions;
    }

    public void Dispose() => _http.Dispose();
}
