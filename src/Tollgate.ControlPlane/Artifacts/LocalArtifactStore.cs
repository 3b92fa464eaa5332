using System.Security.Cryptography;

namespace Tollgate.ControlPlane.Artifacts;

/// <summary>
/// Artifacts in a local directory (the embedded default), sharded by the first two hex digits. Writes go to a
/// temporary file that is renamed into place, so a reader never sees a partial artifact; reads re-check the hash.
/// </summary>
public sealed class LocalArtifactStore(string root) : IArtifactStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var path = PathFor(sha);
        if (File.Exists(path)) return sha;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await stream.WriteAsync(bytes, ct);
        }
        File.Move(tmp, path, overwrite: true);
        return sha;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default)
    {
        if (!IsSha(sha256)) return null;
        var path = PathFor(sha256);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        // A damaged file is never served: it would fail verification at every edge.
        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256 ? bytes : null;
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        Task.FromResult(IsSha(sha256) && File.Exists(PathFor(sha256)));

    private string PathFor(string sha) => Path.Combine(Root, sha[..2], sha + ".tar.gz");

    internal static bool IsSha(string s)
    {
        if (s.Length != 64) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
