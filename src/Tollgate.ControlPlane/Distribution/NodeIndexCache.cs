using System.Collections.Concurrent;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane.Distribution;

/// <summary>
/// Each node's last built index, valid until the next assignment change. A publish wakes every long-polling node
/// at once; each then asked the store for its assignments and serialized them, all on the control plane's cores
/// at the moment the nodes are waiting. Now a node's index is built once per change (and unchanged polls cost a
/// lookup). The key is the <see cref="IndexChangeSignal.NextChange"/> task taken before building, so a change
/// that lands during a build is never hidden: the next request sees a new generation and builds again.
/// </summary>
public sealed class NodeIndexCache(IControlPlaneStore store, IndexChangeSignal signal)
{
    private readonly ConcurrentDictionary<string, (Task Generation, string ETag, byte[] Json)> _built = new(StringComparer.Ordinal);

    public (string ETag, byte[] Json) Get(string nodeId)
    {
        var generation = signal.NextChange;
        if (_built.TryGetValue(nodeId, out var cached) && ReferenceEquals(cached.Generation, generation))
        {
            return (cached.ETag, cached.Json);
        }
        var (etag, json) = NodeIndexBuilder.Build(store, nodeId);
        _built[nodeId] = (generation, etag, json);
        return (etag, json);
    }
}
