using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Runtime.Tests.Bundles;

public sealed class BundleTests
{
    private static readonly byte[] Wasm = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    private static Bundle Sample() => Bundle.Create(
        new BundleManifest
        {
            Revision = "r42",
            Roots = ["acme"],
            Wasm = [new WasmResolver("acme/authz/allow", "/policy.wasm")],
            RegoVersion = 1,
            Metadata = new JsonObject { ["tenant"] = "acme" },
        },
        [
            new("/policy.wasm", Wasm),
            new("/data.json", "{\"acme\":{\"plan\":\"gold\"}}"u8.ToArray()),
            new("acme/users/data.json", "{\"alice\":{\"admin\":true}}"u8.ToArray()),
            new("/acme/limits/data.yaml", "rate: 10\nburst: 2.5\nname: 'x'\nflags: [true, null]\n"u8.ToArray()),
            new("/acme/authz.rego", "package acme.authz\n"u8.ToArray()),
        ]);

    private static byte[] Bytes(Bundle bundle)
    {
        using var stream = new MemoryStream();
        bundle.Write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Write_then_Read_round_trips_manifest_and_files()
    {
        var read = Bundle.Read(new MemoryStream(Bytes(Sample())));

        Assert.Equal("r42", read.Manifest.Revision);
        Assert.Equal(["acme"], read.Manifest.Roots);
        Assert.Equal(new WasmResolver("acme/authz/allow", "/policy.wasm"), Assert.Single(read.Manifest.Wasm));
        Assert.Equal(1, read.Manifest.RegoVersion);
        Assert.Equal("acme", read.Manifest.Metadata!["tenant"]!.GetValue<string>());
        Assert.Equal(Wasm, read.Wasm);
        Assert.Equal(
            ["/.manifest", "/acme/authz.rego", "/acme/limits/data.yaml", "/acme/users/data.json", "/data.json", "/policy.wasm"],
            read.Files.Keys.ToArray());
        Assert.Equal("package acme.authz\n", Encoding.UTF8.GetString(read.Files["/acme/authz.rego"]));
    }

    [Fact]
    public void Write_is_deterministic()
    {
        byte[] first = Bytes(Sample());
        Thread.Sleep(1100);
        byte[] second = Bytes(Sample());

        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
    }

    [Fact]
    public void MergedDataJson_mounts_each_data_file_at_its_directory()
    {
        var data = JsonNode.Parse(Sample().MergedDataJson())!;

        Assert.Equal("gold", data["acme"]!["plan"]!.GetValue<string>());
        Assert.True(data["acme"]!["users"]!["alice"]!["admin"]!.GetValue<bool>());
        Assert.Equal(10, data["acme"]!["limits"]!["rate"]!.GetValue<long>());
        Assert.Equal(2.5, data["acme"]!["limits"]!["burst"]!.GetValue<double>());
        Assert.Equal("x", data["acme"]!["limits"]!["name"]!.GetValue<string>());
        Assert.Equal("[true,null]", data["acme"]!["limits"]!["flags"]!.ToJsonString());
    }

    [Fact]
    public void MergedDataJson_rejects_two_files_defining_the_same_key()
    {
        var bundle = Bundle.Create(new BundleManifest(),
        [
            new("/data.json", "{\"a\":{\"b\":1}}"u8.ToArray()),
            new("/a/data.json", "{\"b\":2}"u8.ToArray()),
        ]);

        var error = Assert.Throws<BundleException>(() => bundle.MergedDataJson());

        Assert.Contains("redefines data key b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wasm_falls_back_to_policy_wasm_and_is_null_without_a_module()
    {
        Assert.Equal(Wasm, Bundle.Create(new BundleManifest(), [new("/policy.wasm", Wasm)]).Wasm);
        Assert.Null(Bundle.Create(new BundleManifest(), [new("/data.json", "{}"u8.ToArray())]).Wasm);
    }

    [Fact]
    public void Size_caps_are_enforced_while_reading()
    {
        byte[] bytes = Bytes(Sample());

        var perFile = Assert.Throws<BundleException>(() =>
            Bundle.Read(new MemoryStream(bytes), new BundleReadOptions { MaxFileBytes = 20 }));
        var total = Assert.Throws<BundleException>(() =>
            Bundle.Read(new MemoryStream(bytes), new BundleReadOptions { MaxTotalBytes = 100 }));
        var count = Assert.Throws<BundleException>(() =>
            Bundle.Read(new MemoryStream(bytes), new BundleReadOptions { MaxFiles = 3 }));

        Assert.Contains("limit of 20", perFile.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 100", total.Message, StringComparison.Ordinal);
        Assert.Contains("more than 3 files", count.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_escaping_the_bundle_root_are_rejected()
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "../etc/data.json")
            {
                DataStream = new MemoryStream("{}"u8.ToArray()),
            });
        }
        stream.Position = 0;

        Assert.Throws<BundleException>(() => Bundle.Read(stream));
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.V7)]
    public void Bundles_written_by_other_tools_are_read(TarEntryFormat format)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, format))
        {
            var directoryType = TarEntryType.Directory;
            writer.WriteEntry(Entry(format, directoryType, "./"));
            writer.WriteEntry(Entry(format, directoryType, "./acme/"));
            var manifest = Entry(format, RegularFile(format), "./.manifest");
            manifest.DataStream = new MemoryStream("{\"revision\":\"go\",\"roots\":[\"acme\"]}"u8.ToArray());
            writer.WriteEntry(manifest);
            var data = Entry(format, RegularFile(format), "./acme/data.json");
            data.DataStream = new MemoryStream("{\"plan\":\"gold\"}"u8.ToArray());
            writer.WriteEntry(data);
        }
        stream.Position = 0;

        var bundle = Bundle.Read(stream);

        Assert.Equal("go", bundle.Manifest.Revision);
        Assert.Equal(["/.manifest", "/acme/data.json"], bundle.Files.Keys.ToArray());
        Assert.Equal("{\"acme\":{\"plan\":\"gold\"}}", Encoding.UTF8.GetString(bundle.MergedDataJson()));
    }

    private static TarEntryType RegularFile(TarEntryFormat format) =>
        format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile;

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name) => format switch
    {
        TarEntryFormat.Pax => new PaxTarEntry(type, name),
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        _ => new V7TarEntry(type, name),
    };

    [Fact]
    public void Garbage_is_not_a_bundle()
    {
        Assert.Throws<BundleException>(() => Bundle.Read(new MemoryStream("not a tarball"u8.ToArray())));
    }

    [Fact]
    public void ReadFile_reads_a_written_bundle()
    {
        string path = Path.Combine(Path.GetTempPath(), "tollgate-bundle-" + Guid.NewGuid().ToString("N") + ".tar.gz");
        File.WriteAllBytes(path, Bytes(Sample()));
        try
        {
            Assert.Equal("r42", Bundle.ReadFile(path).Manifest.Revision);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
