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

    /// <summary>
    /// Deletes temporary files left by writers that died mid-write (kill -9 during a publish). Nothing refers to
    /// them, since the rename never happened, but they would pile up. A file is abandoned when the process id in
    /// its name no longer runs; a live writer's file (another control plane on the same directory) is kept.
    /// </summary>
    public int RemoveAbandonedWrites()
    {
        if (!Directory.Exists(Root)) return 0;
        var removed = 0;
        foreach (var tmp in Directory.EnumerateFiles(Root, "*.tmp", SearchOption.AllDirectories))
        {
            // name: <sha>.tar.gz.<pid>.<guid>.tmp
            var parts = Path.GetFileName(tmp).Split('.');
            if (parts.Length < 5 || !int.TryParse(parts[^3], out var pid) || IsRunning(pid)) continue;
            try
            {
                File.Delete(tmp);
                removed++;
            }
            catch (IOException)
            {
                // Another sweeper got there first; the file is gone either way.
            }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

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
