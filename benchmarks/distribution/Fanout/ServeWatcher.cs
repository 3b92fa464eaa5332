using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>When one (node, tenant) pair started serving the wanted revision.</summary>
/// <param name="ServedAt">The edge's own activation time (<c>updated_at</c> of its /status entry, set right after the swap).</param>
/// <param name="ObservedAt">When the benchmark's poll saw it (an upper bound of <paramref name="ServedAt"/>).</param>
public sealed record ServedPair(int Node, string TenantId, DateTimeOffset ServedAt, DateTimeOffset ObservedAt);

/// <summary>A (node, tenant) pair whose wanted revision the node rejected.</summary>
public sealed record FailedPair(int Node, string TenantId, string Error);

/// <summary>
/// Reads every node's <c>GET /status</c> until each tenant is active at its wanted revision. The edge stamps a
/// tenant's status at the moment its slot swaps to the new revision, so the serve time comes from the edge's
/// clock (same host), not from the poll period; the poll only has to see it eventually. One outstanding request
/// per node keeps the watcher's own CPU use small on a shared 2-core machine.
/// </summary>
public sealed class ServeWatcher(IReadOnlyList<Uri> nodes, int pollMilliseconds)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(List<ServedPair> Served, List<FailedPair> Failed)> WaitAsync(IReadOnlyDictionary<string, string> wanted, TimeSpan timeout)
    {
        var served = new List<ServedPair>();
        var failed = new List<FailedPair>();
        var gate = new Lock();
        var deadline = Stopwatch.StartNew();
        var tasks = new Task[nodes.Count];
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = n;
            tasks[n] = Task.Run(async () =>
            {
                var pending = new HashSet<string>(wanted.Keys, StringComparer.Ordinal);
                while (pending.Count > 0 && deadline.Elapsed < timeout)
                {
                    byte[] body;
                    try
                    {
                        body = await _http.GetByteArrayAsync(new Uri(nodes[node], "/status"));
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(pollMilliseconds);
                        continue;
                    }
                    var observed = DateTimeOffset.UtcNow;
                    using (var doc = JsonDocument.Parse(body))
                    {
                        foreach (var t in doc.RootElement.GetProperty("tenants").EnumerateArray())
                        {
                            var id = t.GetProperty("tenant_id").GetString()!;
                            if (!pending.Contains(id)) continue;
                            var state = t.GetProperty("state").GetString();
                            var revision = t.GetProperty("revision").ValueKind == JsonValueKind.String ? t.GetProperty("revision").GetString() : null;
                            if (state == "active" && revision == wanted[id])
                            {
                                var at = DateTimeOffset.Parse(t.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                                pending.Remove(id);
                                lock (gate) served.Add(new ServedPair(node, id, at, observed));
                            }
                            else if (state == "failed" && t.GetProperty("expected_revision").GetString() == wanted[id])
                            {
                                pending.Remove(id);
                                var error = t.TryGetProperty("error", out var e) ? e.GetString() ?? "" : "";
                                lock (gate) failed.Add(new FailedPair(node, id, error));
                            }
                        }
                    }
                    if (pending.Count > 0) await Task.Delay(pollMilliseconds);
                }
            });
        }
        await Task.WhenAll(tasks);
        return (served, failed);
    }
}
