using System.Text.Json;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sources;

/// <summary>
/// One tenant's folder in --from-dir mode: <c>bundle.tar.gz</c>, optional <c>smoke.json</c>
/// (<c>[{"input":…, "entrypoint":…, "expect":…}]</c>) and optional <c>tenant.json</c>
/// (<c>{"revision": "...", "entrypoint": "...", "fail_open": false}</c>).
/// </summary>
public static class TenantFolder
{
    public const string BundleFile = "bundle.tar.gz";
    public const string SmokeFile = "smoke.json";
    public const string SettingsFile = "tenant.json";

    /// <summary>Cheap change detector: sizes and write times of the three files.</summary>
    public static string Fingerprint(string folder)
    {
        var bundle = new FileInfo(Path.Combine(folder, BundleFile));
        var smoke = new FileInfo(Path.Combine(folder, SmokeFile));
        var settings = new FileInfo(Path.Combine(folder, SettingsFile));
        return $"{Stamp(bundle)}|{Stamp(smoke)}|{Stamp(settings)}";
    }

    private static string Stamp(FileInfo file) => file.Exists ? $"{file.Length}@{file.LastWriteTimeUtc.Ticks}" : "-";

    public static bool HasBundle(string folder) => File.Exists(Path.Combine(folder, BundleFile));

    /// <summary>Reads the folder as an artifact; the revision defaults to the bundle's sha256 prefix.</summary>
    public static TenantArtifact Read(string folder)
    {
        var tenantId = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
        var bundle = File.ReadAllBytes(Path.Combine(folder, BundleFile));
        var sha = TenantArtifact.HashOf(bundle);
        IReadOnlyList<SmokeCase> smoke = [];
        var smokePath = Path.Combine(folder, SmokeFile);
        if (File.Exists(smokePath))
        {
            smoke = SmokeCase.ParseList(File.ReadAllBytes(smokePath));
        }
        string? revision = null;
        string? entrypoint = null;
        bool? failOpen = null;
        var settingsPath = Path.Combine(folder, SettingsFile);
        if (File.Exists(settingsPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(settingsPath));
            var root = doc.RootElement;
            if (root.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.String)
            {
                revision = r.GetString();
            }
            if (root.TryGetProperty("entrypoint", out var e) && e.ValueKind == JsonValueKind.String)
            {
                entrypoint = e.GetString()!.Trim('/');
            }
            if (root.TryGetProperty("fail_open", out var f) && (f.ValueKind == JsonValueKind.True || f.ValueKind == JsonValueKind.False))
            {
                failOpen = f.GetBoolean();
            }
        }
        return new TenantArtifact
        {
            TenantId = tenantId,
            Revision = revision ?? sha[..16],
            Bundle = bundle,
            BundleSha256 = sha,
            Entrypoint = entrypoint,
            FailOpen = failOpen,
            Smoke = smoke,
        };
    }
}
