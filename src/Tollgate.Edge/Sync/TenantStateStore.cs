using System.Text.Json;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sync;

/// <summary>
/// The last good revision of every tenant on local disk: content-addressed bundles under
/// <c>artifacts/&lt;sha256&gt;.tar.gz</c> and one <c>tenants/&lt;id&gt;.json</c> per tenant. Writes go to a
/// temporary file and are renamed into place, so a crash never leaves a half-written record.
/// </summary>
public sealed class TenantStateStore
{
    private readonly string _artifacts;
    private readonly string _tenants;

    public TenantStateStore(string root)
    {
        _artifacts = Path.Combine(root, "artifacts");
        _tenants = Path.Combine(root, "tenants");
        Directory.CreateDirectory(_artifacts);
        Directory.CreateDirectory(_tenants);
    }

    /// <summary>A stored bundle whose bytes still hash to <paramref name="sha256"/>, or null.</summary>
    public byte[]? TryReadArtifact(string sha256)
    {
        var path = ArtifactPath(sha256);
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (TenantArtifact.HashOf(bytes) != sha256)
        {
            File.Delete(path); // corrupt: never load it, fetch again
            return null;
        }
        return bytes;
    }

    /// <summary>Whether a bundle with this hash is stored (not verified: <see cref="TryReadArtifact"/> does that).</summary>
    public bool HasArtifact(string sha256) => File.Exists(ArtifactPath(sha256));

    public void Save(TenantArtifact artifact)
    {
        var artifactPath = ArtifactPath(artifact.BundleSha256);
        if (!File.Exists(artifactPath))
        {
            WriteAtomically(artifactPath, artifact.Bundle);
        }
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
        WriteAtomically(TenantPath(artifact.TenantId), buffer.ToArray());
    }

    public void Forget(string tenantId)
    {
        var path = TenantPath(tenantId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Every persisted tenant whose artifact is present and intact.</summary>
    public IReadOnlyList<TenantArtifact> LoadAll(Action<string, Exception>? onError = null)
    {
        var list = new List<TenantArtifact>();
        foreach (var file in Directory.EnumerateFiles(_tenants, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = doc.RootElement;
                var sha = root.GetProperty("sha256").GetString()!;
                var bundle = TryReadArtifact(sha);
                if (bundle is null)
                {
                    continue;
                }
                list.Add(new TenantArtifact
                {
                    TenantId = root.GetProperty("tenant_id").GetString()!,
                    Revision = root.GetProperty("revision").GetString()!,
                    Bundle = bundle,
                    BundleSha256 = sha,
                    Entrypoint = root.TryGetProperty("entrypoint", out var e) ? e.GetString() : null,
                    FailOpen = root.TryGetProperty("fail_open", out var f) ? f.GetBoolean() : null,
                    Smoke = root.TryGetProperty("smoke", out var s) ? SmokeCase.FromElement(s) : [],
                });
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                onError?.Invoke(file, e);
            }
        }
        return list;
    }

    private string ArtifactPath(string sha256) => Path.Combine(_artifacts, sha256 + ".tar.gz");

    private string TenantPath(string tenantId) => Path.Combine(_tenants, SafeName(tenantId) + ".json");

    /// <summary>Tenant ids come from the network: keep them from escaping the directory.</summary>
    private static string SafeName(string tenantId)
    {
        var chars = tenantId.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('-' or '_' or '.'))
            {
                chars[i] = '_';
            }
        }
        var name = new string(chars);
        return name is "." or ".." ? "_" + name : name + "-" + TenantArtifact.HashOf(System.Text.Encoding.UTF8.GetBytes(tenantId))[..8];
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
