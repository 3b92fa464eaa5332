namespace Tollgate.ControlPlane.Artifacts;

/// <summary>
/// Keeps recently published or fetched artifacts in memory in front of another store. After a publish every
/// node asks for the same new artifacts within a second; without this, each of N nodes costs a file read and a
/// re-hash (or an S3 GET) of every artifact. Artifacts are immutable and content addressed, so a cached entry
/// can never be stale; the cache is bounded by bytes and evicts the least recently used.
/// </summary>
public sealed class CachedArtifactStore(IArtifactStore inner, long maxBytes = 64L << 20) : IArtifactStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Sha, byte[] Bytes)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sha, byte[] Bytes)> _recency = new();
    private long _bytes;

    public IArtifactStore Inner => inner;

    /// <summary>Bytes held in memory now.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var sha = await inner.PutAsync(bytes, ct);
        Remember(sha, bytes.ToArray());
        return sha;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(sha256, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Bytes;
            }
        }
        var bytes = await inner.GetAsync(sha256, ct);
        if (bytes is not null)
        {
            Remember(sha256, bytes);
        }
        return bytes;
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_entries.ContainsKey(sha256))
            {
                return Task.FromResult(true);
            }
        }
        return inner.ExistsAsync(sha256, ct);
    }

    private void Remember(string sha, byte[] bytes)
    {
        if (bytes.Length > maxBytes / 4)
        {
            return; // one huge artifact would flush everything else
        }
        lock (_gate)
        {
            if (_entries.ContainsKey(sha))
            {
                return;
            }
            _entries[sha] = _recency.AddFirst((sha, bytes));
            _bytes += bytes.Length;
            while (_bytes > maxBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Sha);
                _bytes -= oldest.Value.Bytes.Length;
            }
        }
    }
}
