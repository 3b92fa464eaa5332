using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Cli;

namespace Tollgate.Cli.Demo;

/// <summary>The demo's HTTP calls: to the control plane (operator token) and to the edge node.</summary>
internal sealed class DemoClient(Uri controlPlane, string operatorToken, Uri edge) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly ControlPlaneClient _controlPlane = new(controlPlane, operatorToken);

    public async Task<JsonNode?> ControlPlaneAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        try
        {
            return await _controlPlane.SendAsync(method, path, body);
        }
        catch (ControlPlaneClientException ex)
        {
            throw new CliException($"{method} {path}: {ex.Message}");
        }
    }

    /// <summary>POST /v1/data/tenant/authz/allow on the edge for a tenant; returns (allowed, latency).</summary>
    public async Task<(bool Allowed, TimeSpan Latency)> CheckAsync(string tenant, string inputJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge, "/v1/data/tenant/authz/allow"));
        request.Headers.Add("x-tenant-id", tenant);
        request.Content = new StringContent($"{{\"input\":{inputJson}}}", Encoding.UTF8, "application/json");
        var sw = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        sw.Stop();
        if (!response.IsSuccessStatusCode) throw new CliException($"edge check for tenant {tenant}: {(int)response.StatusCode} {text}");
        return (JsonNode.Parse(text)?["result"] is JsonValue v && v.TryGetValue<bool>(out var b) && b, sw.Elapsed);
    }

    /// <summary>Waits until the edge serves every given tenant at the given revision; returns how long it took.</summary>
    public async Task<TimeSpan> WaitForRevisionsAsync(IReadOnlyDictionary<string, string> wanted, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            var status = JsonNode.Parse(await _http.GetStringAsync(new Uri(edge, "/status")));
            var serving = 0;
            if (status?["tenants"] is JsonArray tenants)
            {
                foreach (var t in tenants)
                {
                    var id = t?["tenant_id"]?.GetValue<string>();
                    if (id is not null && wanted.TryGetValue(id, out var rev) && t?["state"]?.GetValue<string>() == "active" && t?["revision"]?.GetValue<string>() == rev)
                    {
                        serving++;
                    }
                }
            }
            if (serving == wanted.Count) return sw.Elapsed;
            await Task.Delay(5);
        }
        throw new CliException($"the edge did not serve the expected revisions within {timeout.TotalSeconds:0} s");
    }

    public void Dispose()
    {
        _http.Dispose();
        _controlPlane.Dispose();
    }
}
