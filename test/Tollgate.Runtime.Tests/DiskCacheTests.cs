namespace Tollgate.Runtime.Tests;

public sealed class DiskCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tollgate-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_second_engine_loads_the_precompiled_module_instead_of_compiling()
    {
        byte[] wasm = WatModules.Policy();
        string sha;
        using (var first = TestEngines.Create(cacheDirectory: _directory))
        {
            sha = first.LoadModule(wasm).Sha256;
            Assert.Equal(1, first.CompiledModuleCount);
        }
        Assert.True(File.Exists(Path.Combine(_directory, sha + ".cwasm")));
        Assert.True(File.Exists(Path.Combine(_directory, sha + ".cwasm.sha256")));

        using var second = TestEngines.Create(cacheDirectory: _directory);
        var module = second.LoadModule(wasm);
        using var pool = second.CreatePool(module, "{}"u8);

        Assert.Equal(0, second.CompiledModuleCount);
        Assert.Equal("[{\"result\":7}]", pool.EvaluateJson("test/echo", "7"));
    }

    [Fact]
    public void A_corrupt_entry_is_deleted_and_rebuilt_never_loaded()
    {
        byte[] wasm = WatModules.Policy();
        string sha;
        using (var first = TestEngines.Create(cacheDirectory: _directory))
        {
            sha = first.LoadModule(wasm).Sha256;
        }
        string path = Path.Combine(_directory, sha + ".cwasm");
        byte[] native = File.ReadAllBytes(path);
        native[native.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, native);

        using var second = TestEngines.Create(cacheDirectory: _directory);
        using var pool = second.CreatePool(second.LoadModule(wasm), "{}"u8);

        Assert.Equal(1, second.RejectedCacheEntries);
        Assert.Equal(1, second.CompiledModuleCount);
        Assert.Equal("[{\"result\":8}]", pool.EvaluateJson("test/echo", "8"));
        // Rebuilt: the entry on disk verifies again.
        using var third = TestEngines.Create(cacheDirectory: _directory);
        third.LoadModule(wasm);
        Assert.Equal(0, third.CompiledModuleCount);
        Assert.Equal(0, third.RejectedCacheEntries);
    }

    [Fact]
    public void A_missing_or_altered_sidecar_rejects_the_entry()
    {
        byte[] wasm = WatModules.Policy();
        string sha;
        using (var first = TestEngines.Create(cacheDirectory: _directory))
        {
            sha = first.LoadModule(wasm).Sha256;
        }
        File.WriteAllText(Path.Combine(_directory, sha + ".cwasm.sha256"), new string('0', 64));

        using var second = TestEngines.Create(cacheDirectory: _directory);
        second.LoadModule(wasm);

        Assert.Equal(1, second.RejectedCacheEntries);
        Assert.Equal(1, second.CompiledModuleCount);
    }
}
