using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sync;

/// <summary>
/// The last good revision of every tenant on local disk, as one append-only journal (<c>state.journal</c>).
/// </summary>
/// <remarks>
/// Why a journal and not a file per tenant: a publish of 100 tenants wrote 200 files and replaced 100 (temp file
/// + rename each). On ext4 every new inode is searched for among recently deleted ones, and with 20 edges on one
/// host that search alone cost 0.3–1.4 ms of CPU per tenant, more than loading and verifying the revision. Here a
/// batch of changes is one append and one fsync.
///
/// Format: the line <c>TGSTATE1</c>, then records, each a header line <c>&lt;kind&gt; &lt;length&gt; &lt;sha256&gt;</c>
/// and <c>length</c> bytes of payload whose sha256 the header names: <c>A</c> an artifact (the bundle; its hash
/// is its address), <c>T</c> a tenant's record (JSON: tenant_id, revision, sha256, entrypoint, fail_open, smoke),
/// <c>F</c> a forgotten tenant (payload: its id). Replay keeps the last record per tenant. A record cut short
/// or damaged (a crash mid-append) ends the replay and is truncated away, so the previous state survives.
/// When the file holds more than twice what is live, it is rewritten (temp file, fsync, rename), which also
/// drops artifacts no tenant refers to any more. One process per state directory.
/// </remarks>
public sealed class TenantStateStore : IDisposable
{
    private const string Magic = "TGSTATE1\n";
    private const int MaxHeaderBytes = 160;
    private const long CompactionSlack = 8L << 20;

    private readonly string _root;
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Offset, int Length)> _artifacts = new(StringComparer.Ordinal);
    // Tenant id → its record (JSON) and the sha256 of the artifact it names (kept to size the live set cheaply).
    private readonly Dictionary<string, (byte[] Record, string Sha)> _tenants = new(StringComparer.Ordinal);
    private FileStream _file;

    public TenantStateStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
        _path = Path.Combine(root, "state.journal");
        _file = Open(_path);
        Replay();
        ImportLegacyLayout();
    }

    /// <summary>Bytes in the journal file (tests and diagnostics).</summary>
    public long JournalBytes
    {
        get
        {
            lock (_gate)
            {
                return _file.Length;
            }
        }
    }

    /// <summary>Whether a bundle with this hash is stored (not re-verified: <see cref="TryReadArtifact"/> does that).</summary>
    public bool HasArtifact(string sha256)
    {
        lock (_gate)
        {
            return _artifacts.ContainsKey(sha256);
        }
    }

    /// <summary>A stored bundle whose bytes still hash to <paramref name="sha256"/>, or null.</summary>
    public byte[]? TryReadArtifact(string sha256)
    {
        lock (_gate)
        {
            if (!_artifacts.TryGetValue(sha256, out var at))
            {
                return null;
            }
            var bytes = new byte[at.Length];
            if (RandomAccess.Read(_file.SafeFileHandle, bytes, at.Offset) != at.Length || TenantArtifact.HashOf(bytes) != sha256)
            {
                _artifacts.Remove(sha256); // damaged on disk since the replay: never load it, fetch again
                return null;
            }
            return bytes;
        }
    }

    public void Save(TenantArtifact artifact) => Apply([new KeyValuePair<string, TenantArtifact?>(artifact.TenantId, artifact)]);

    public void Forget(string tenantId) => Apply([new KeyValuePair<string, TenantArtifact?>(tenantId, null)]);

    /// <summary>
    /// Records a batch of changes (an artifact to keep as the tenant's last good revision, or null to forget the
    /// tenant) with one append and one fsync.
    /// </summary>
    public void Apply(IEnumerable<KeyValuePair<string, TenantArtifact?>> changes)
    {
        lock (_gate)
        {
            using var batch = new MemoryStream();
            var newArtifacts = new List<(string Sha, long Offset, int Length)>();
            var tenantRecords = new List<(string Tenant, byte[]? Record, string Sha)>();
            var pending = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (tenant, artifact) in changes)
            {
                if (artifact is null)
                {
                    if (_tenants.ContainsKey(tenant))
                    {
                        WriteRecord(batch, 'F', Encoding.UTF8.GetBytes(tenant), sha: null);
                        tenantRecords.Add((tenant, null, ""));
                    }
                    continue;
                }
                if (!_artifacts.ContainsKey(artifact.BundleSha256) && pending.Add(artifact.BundleSha256))
                {
                    var offset = WriteRecord(batch, 'A', artifact.Bundle, artifact.BundleSha256);
                    newArtifacts.Add((artifact.BundleSha256, offset, artifact.Bundle.Length));
                }
                var record = TenantRecord(artifact);
                WriteRecord(batch, 'T', record, sha: null);
                tenantRecords.Add((tenant, record, artifact.BundleSha256));
            }
            if (batch.Length == 0)
            {
                return;
            }
            var start = _file.Length;
            _file.Seek(start, SeekOrigin.Begin);
            batch.Position = 0;
            batch.CopyTo(_file);
            _file.Flush(flushToDisk: true);
            foreach (var (sha, offset, length) in newArtifacts)
            {
                _artifacts[sha] = (start + offset, length);
            }
            foreach (var (tenant, record, sha) in tenantRecords)
            {
                if (record is null)
                {
                    _tenants.Remove(tenant);
                }
                else
                {
                    _tenants[tenant] = (record, sha);
                }
            }
            CompactIfWasteful();
        }
    }

    /// <summary>Every persisted tenant whose artifact is present and intact.</summary>
    public IReadOnlyList<TenantArtifact> LoadAll(Action<string, Exception>? onError = null)
    {
        List<(string Tenant, byte[] Record)> records = [];
        lock (_gate)
        {
            foreach (var (tenant, entry) in _tenants)
            {
                records.Add((tenant, entry.Record));
            }
        }
        var list = new List<TenantArtifact>();
        foreach (var (tenant, record) in records)
        {
            try
            {
                using var doc = JsonDocument.Parse(record);
                var root = doc.RootElement;
                var sha = root.GetProperty("sha256").GetString()!;
                var bundle = TryReadArtifact(sha);
                if (bundle is null)
                {
                    continue;
                }
                list.Add(ArtifactOf(root, bundle, sha));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                onError?.Invoke($"{_path} (tenant {tenant})", e);
            }
        }
        return list;
    }

    /// <summary>A tenant record (the JSON <see cref="TenantRecord"/> writes) with its bundle.</summary>
    private static TenantArtifact ArtifactOf(JsonElement record, byte[] bundle, string sha256) => new()
    {
        TenantId = record.GetProperty("tenant_id").GetString()!,
        Revision = record.GetProperty("revision").GetString()!,
        Bundle = bundle,
        BundleSha256 = sha256,
        Entrypoint = record.TryGetProperty("entrypoint", out var e) ? e.GetString() : null,
        FailOpen = record.TryGetProperty("fail_open", out var f) ? f.GetBoolean() : null,
        Smoke = record.TryGetProperty("smoke", out var s) ? SmokeCase.FromElement(s) : [],
    };

    private static byte[] TenantRecord(TenantArtifact artifact)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tenant_id", artifact.TenantId);
            json.WriteString("revision", artifact.Revision);
            json.WriteString("sha256", artifact.BundleSha256);
            if (artifact.Entrypoint is not null)
            {
                json.WriteString("entrypoint", artifact.Entrypoint);
            }
            if (artifact.FailOpen is { } failOpen)
            {
                json.WriteBoolean("fail_open", failOpen);
            }
            json.WriteStartArray("smoke");
            foreach (var smoke in artifact.Smoke)
            {
                smoke.WriteTo(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Appends one record to <paramref name="batch"/>; returns the payload's offset within the batch.</summary>
    private static long WriteRecord(Stream batch, char kind, byte[] payload, string? sha)
    {
        sha ??= Convert.ToHexStringLower(SHA256.HashData(payload));
        batch.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind} {payload.Length} {sha}\n")));
        var offset = batch.Position;
        batch.Write(payload);
        return offset;
    }

    private static FileStream Open(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        if (file.Length == 0)
        {
            file.Write(Encoding.ASCII.GetBytes(Magic));
            file.Flush(flushToDisk: true);
        }
        return file;
    }

    /// <summary>Rebuilds the indexes from the journal; truncates a damaged or torn tail.</summary>
    private void Replay()
    {
        _artifacts.Clear();
        _tenants.Clear();
        var length = _file.Length;
        var magic = new byte[Magic.Length];
        if (RandomAccess.Read(_file.SafeFileHandle, magic, 0) != magic.Length || Encoding.ASCII.GetString(magic) != Magic)
        {
            // Not a journal this version wrote: start afresh rather than guess (the control plane resends everything).
            _file.SetLength(0);
            _file.Write(Encoding.ASCII.GetBytes(Magic));
            _file.Flush(flushToDisk: true);
            return;
        }
        long at = magic.Length;
        var header = new byte[MaxHeaderBytes];
        while (at < length)
        {
            if (!TryReadRecord(header, at, length, out var kind, out var payloadOffset, out var payloadLength, out var sha))
            {
                _file.SetLength(at); // a torn or damaged record: everything before it stands
                _file.Flush(flushToDisk: true);
                break;
            }
            switch (kind)
            {
                case 'A':
                    _artifacts[sha] = (payloadOffset, payloadLength);
                    break;
                case 'T':
                    var record = new byte[payloadLength];
                    RandomAccess.Read(_file.SafeFileHandle, record, payloadOffset);
                    if (IdentityOf(record) is { } identity)
                    {
                        _tenants[identity.Tenant] = (record, identity.Sha);
                    }
                    break;
                case 'F':
                    var id = new byte[payloadLength];
                    RandomAccess.Read(_file.SafeFileHandle, id, payloadOffset);
                    _tenants.Remove(Encoding.UTF8.GetString(id));
                    break;
            }
            at = payloadOffset + payloadLength;
        }
    }

    private bool TryReadRecord(byte[] header, long at, long fileLength, out char kind, out long payloadOffset, out int payloadLength, out string sha)
    {
        kind = '\0';
        payloadOffset = 0;
        payloadLength = 0;
        sha = "";
        var read = RandomAccess.Read(_file.SafeFileHandle, header, at);
        var newline = Array.IndexOf(header, (byte)'\n', 0, read);
        if (newline < 0)
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(header, 0, newline).Split(' ');
        if (parts.Length != 3 || parts[0].Length != 1 || parts[0][0] is not ('A' or 'T' or 'F')
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out payloadLength) || parts[2].Length != 64)
        {
            return false;
        }
        kind = parts[0][0];
        sha = parts[2];
        payloadOffset = at + newline + 1;
        if (payloadOffset + payloadLength > fileLength)
        {
            return false;
        }
        var payload = new byte[payloadLength];
        RandomAccess.Read(_file.SafeFileHandle, payload, payloadOffset);
        return Convert.ToHexStringLower(SHA256.HashData(payload)) == sha;
    }

    /// <summary>The tenant id and artifact hash a record names, or null for a record without them.</summary>
    private static (string Tenant, string Sha)? IdentityOf(byte[] record)
    {
        try
        {
            using var doc = JsonDocument.Parse(record);
            var root = doc.RootElement;
            return root.TryGetProperty("tenant_id", out var id) && id.GetString() is { } tenant
                && root.TryGetProperty("sha256", out var sha) && sha.GetString() is { } hash
                ? (tenant, hash)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Rewrites the journal with only live records once dead ones outweigh them (and some slack).</summary>
    private void CompactIfWasteful()
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        long liveBytes = Magic.Length;
        foreach (var (record, sha) in _tenants.Values)
        {
            liveBytes += record.Length + 80;
            if (_artifacts.TryGetValue(sha, out var at) && live.Add(sha))
            {
                liveBytes += at.Length + 80;
            }
        }
        if (_file.Length <= 2 * liveBytes + CompactionSlack)
        {
            return;
        }
        var temp = _path + ".compact";
        var artifacts = new Dictionary<string, (long Offset, int Length)>(StringComparer.Ordinal);
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            output.Write(Encoding.ASCII.GetBytes(Magic));
            foreach (var sha in live)
            {
                var at = _artifacts[sha];
                var bytes = new byte[at.Length];
                RandomAccess.Read(_file.SafeFileHandle, bytes, at.Offset);
                artifacts[sha] = (WriteRecord(output, 'A', bytes, sha), at.Length);
            }
            foreach (var (record, _) in _tenants.Values)
            {
                WriteRecord(output, 'T', record, sha: null);
            }
            output.Flush(flushToDisk: true);
        }
        _file.Dispose();
        File.Move(temp, _path, overwrite: true);
        _file = Open(_path);
        _artifacts.Clear();
        foreach (var (sha, at) in artifacts)
        {
            _artifacts[sha] = at;
        }
    }

    /// <summary>
    /// Moves a state directory written by an earlier version (<c>artifacts/&lt;sha&gt;.tar.gz</c> and
    /// <c>tenants/&lt;id&gt;.json</c>) into the journal, then deletes the old files.
    /// </summary>
    private void ImportLegacyLayout()
    {
        var tenantsDir = Path.Combine(_root, "tenants");
        var artifactsDir = Path.Combine(_root, "artifacts");
        if (!Directory.Exists(tenantsDir))
        {
            return;
        }
        var imported = new List<KeyValuePair<string, TenantArtifact?>>();
        foreach (var file in Directory.EnumerateFiles(tenantsDir, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = doc.RootElement;
                var sha = root.GetProperty("sha256").GetString()!;
                var bundlePath = Path.Combine(artifactsDir, sha + ".tar.gz");
                if (!File.Exists(bundlePath))
                {
                    continue;
                }
                var bundle = File.ReadAllBytes(bundlePath);
                if (TenantArtifact.HashOf(bundle) != sha)
                {
                    continue;
                }
                var artifact = ArtifactOf(root, bundle, sha);
                imported.Add(new(artifact.TenantId, artifact));
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // An unreadable old record is skipped: the control plane resends the tenant.
            }
        }
        Apply(imported);
        Directory.Delete(tenantsDir, recursive: true);
        if (Directory.Exists(artifactsDir))
        {
            Directory.Delete(artifactsDir, recursive: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
