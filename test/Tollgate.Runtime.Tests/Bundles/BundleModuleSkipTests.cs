using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Runtime.Tests.Bundles;

/// <summary>A reader that already holds a bundle's module stops before it (shared-template tenants).</summary>
public sealed class BundleModuleSkipTests
{
    private static readonly byte[] Module = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x2a];
    private static readonly string ModuleSha = Convert.ToHexStringLower(SHA256.HashData(Module));

    private static byte[] Written(string? recordedSha, params (string Path, string Content)[] dataFiles)
    {
        var manifest = new BundleManifest
        {
            Revision = "r1",
            Wasm = [new WasmResolver("tenant/authz/allow", "/policy.wasm")],
            Metadata = recordedSha is null ? null : new JsonObject { [Bundle.WasmSha256MetadataKey] = recordedSha },
        };
        var files = new List<KeyValuePair<string, byte[]>> { new("/policy.wasm", Module) };
        foreach (var (path, content) in dataFiles) files.Add(new(path, System.Text.Encoding.UTF8.GetBytes(content)));
        using var stream = new MemoryStream();
        Bundle.Create(manifest, files).Write(stream);
        return stream.ToArray();
    }

    private static Bundle Read(byte[] bytes, Func<string, bool>? skip, BundleVerifier? verifier = null) =>
        Bundle.Read(new MemoryStream(bytes), new BundleReadOptions { SkipWasmWhenLoaded = skip, Verifier = verifier });

    [Fact]
    public void Modules_are_written_after_every_other_file_even_data_that_sorts_later()
    {
        var bytes = Written(ModuleSha, ("/zeta/data.json", "{\"z\":1}"), ("/data.json", "{\"a\":1}"));
        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry) names.Add(entry.Name);
        Assert.Equal(["/.manifest", "/data.json", "/zeta/data.json", "/policy.wasm"], names);
    }

    [Fact]
    public void A_held_module_is_not_read_and_every_data_file_still_is()
    {
        var asked = new List<string>();
        var bundle = Read(Written(ModuleSha, ("/zeta/data.json", "{\"z\":1}"), ("/data.json", "{\"a\":1}")), sha => { asked.Add(sha); return true; });
        Assert.Equal([ModuleSha], asked);
        Assert.Equal(ModuleSha, bundle.OmittedWasmSha256);
        Assert.Null(bundle.Wasm);
        Assert.Equal("{\"a\":1,\"zeta\":{\"z\":1}}", System.Text.Encoding.UTF8.GetString(bundle.MergedDataJson()));
    }

    [Fact]
    public void The_module_is_read_when_the_reader_does_not_hold_it_or_the_manifest_does_not_record_it()
    {
        var notHeld = Read(Written(ModuleSha, ("/data.json", "{}")), _ => false);
        Assert.Null(notHeld.OmittedWasmSha256);
        Assert.Equal(Module, notHeld.Wasm);

        var asked = false;
        var unrecorded = Read(Written(null, ("/data.json", "{}")), _ => asked = true);
        Assert.False(asked);
        Assert.Equal(Module, unrecorded.Wasm);
    }

    [Fact]
    public void A_signed_bundle_always_has_its_module_read_and_checked()
    {
        var (signer, verifier) = (BundleSigner.Hs256("k"u8), BundleVerifier.Hs256("k"u8));
        var manifest = new BundleManifest
        {
            Revision = "r1",
            Wasm = [new WasmResolver("tenant/authz/allow", "/policy.wasm")],
            Metadata = new JsonObject { [Bundle.WasmSha256MetadataKey] = ModuleSha },
        };
        using var stream = new MemoryStream();
        signer.Sign(Bundle.Create(manifest, [new("/policy.wasm", Module), new("/data.json", "{}"u8.ToArray())])).Write(stream);
        var bundle = Read(stream.ToArray(), _ => true, verifier);
        Assert.Null(bundle.OmittedWasmSha256);
        Assert.Equal(Module, bundle.Wasm);
    }
}
