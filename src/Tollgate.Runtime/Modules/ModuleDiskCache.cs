using System.Security.Cryptography;
using Wasmtime;

namespace Tollgate.Runtime.Modules;

/// <summary>
/// Precompiled native modules on disk: <c>&lt;sha256&gt;.cwasm</c> plus a sidecar <c>.cwasm.sha256</c> holding the
/// hash of the precompiled bytes. Deserializing native code trusts its bytes completely, so an entry whose
/// hash does not match (or that Wasmtime refuses) is deleted and rebuilt, never loaded.
/// </summary>
internal sealed class ModuleDiskCache
{
    private readonly string _directory;

    public ModuleDiskCache(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Number of entries deleted because they were corrupt or incompatible (for tests and metrics).</summary>
    public int RejectedEntries { get; private set; }

    public string PathFor(string sha256) => Path.Combine(_directory, sha256 + ".cwasm");

    private static string SidecarFor(string cwasmPath) => cwasmPath + ".sha256";

    /// <summary>The cached module, or null when absent or rejected (a rejected entry is deleted).</summary>
    public Module? TryLoad(Engine engine, string sha256)
    {
        string path = PathFor(sha256);
        string sidecar = SidecarFor(path);
        if (!File.Exists(path) || !File.Exists(sidecar))
        {
            return null;
        }
        try
        {
            byte[] native = File.ReadAllBytes(path);
            string expected = File.ReadAllText(sidecar).Trim();
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(native)), expected, StringComparison.Ordinal))
            {
                Reject(path);
                return null;
            }
            return Module.Deserialize(engine, sha256, native);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            Reject(path);
            return null;
        }
    }

    /// <summary>Writes an entry atomically (temp files, then rename; the sidecar last so readers never see half).</summary>
    public void Store(string sha256, Module module)
    {
        string path = PathFor(sha256);
        try
        {
            byte[] native = module.Serialize();
            string hash = Convert.ToHexStringLower(SHA256.HashData(native));
            string suffix = "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + ".tmp";
            File.WriteAllBytes(path + suffix, native);
            File.Move(path + suffix, path, overwrite: true);
            File.WriteAllText(SidecarFor(path) + suffix, hash);
            File.Move(SidecarFor(path) + suffix, SidecarFor(path), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            // A cache that cannot be written only costs a recompilation next time.
        }
    }

    private void Reject(string path)
    {
        RejectedEntries++;
        TryDelete(path);
        TryDelete(SidecarFor(path));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind; the hash check keeps rejecting it.
        }
    }
}
