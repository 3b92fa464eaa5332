using System.Security.Cryptography;

namespace Tollgate.Runtime.Tests;

public sealed class ModuleLoadingTests : IDisposable
{
    private readonly PolicyEngine _engine = TestEngines.Create();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void LoadModule_reads_version_entrypoints_and_builtins()
    {
        byte[] wasm = WatModules.Policy(minor: 3);

        var module = _engine.LoadModule(wasm);

        Assert.Equal(1, module.AbiMajor);
        Assert.Equal(3, module.AbiMinor);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(wasm)), module.Sha256);
        Assert.Equal(wasm.Length, module.ByteSize);
        Assert.Equal(WatModules.PolicyEntrypoints.Length, module.Entrypoints.Count);
        Assert.Equal(7, module.Entrypoints["test/double"]);
        Assert.Equal(0, Assert.Single(module.RequiredBuiltins).Value);
        Assert.Equal("custom.double", module.RequiredBuiltins.Keys.Single());
    }

    [Fact]
    public void LoadModule_shares_one_compiled_module_per_sha256()
    {
        var first = _engine.LoadModule(WatModules.Policy(minor: 3));
        var again = _engine.LoadModule(WatModules.Policy(minor: 3));
        var other = _engine.LoadModule(WatModules.Policy(minor: 2));

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, _engine.CachedModuleCount);
        Assert.Equal(2, _engine.CompiledModuleCount);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 4)]
    [InlineData(0, 0)]
    public void Unsupported_version_globals_fail_the_load(int major, int minor)
    {
        var error = Assert.Throws<PolicyLoadException>(() => _engine.LoadModule(WatModules.Policy(minor, major)));

        Assert.Contains($"unsupported OPA wasm ABI version {major}.{minor}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _engine.CachedModuleCount);
    }

    [Fact]
    public void Missing_exports_are_named()
    {
        var error = Assert.Throws<PolicyLoadException>(() => _engine.LoadModule(WatModules.Build("missing_exports.wat")));

        Assert.Contains("opa_json_dump", error.Message, StringComparison.Ordinal);
        Assert.Contains("entrypoints", error.Message, StringComparison.Ordinal);
        Assert.Contains("opa_eval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_are_rejected_as_malformed_wasm()
    {
        byte[] garbage = new byte[256];
        new Random(7).NextBytes(garbage);

        var error = Assert.Throws<PolicyLoadException>(() => _engine.LoadModule(garbage));

        Assert.StartsWith("malformed wasm module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_outside_the_abi_is_named()
    {
        var error = Assert.Throws<PolicyLoadException>(() => _engine.LoadModule(WatModules.Build("unknown_import.wat")));

        Assert.Contains("env.read_file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_builtin_missing_from_the_registry_is_named()
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions { Builtins = new global::Tollgate.Runtime.Builtins.BuiltinRegistry() });

        var error = Assert.Throws<PolicyLoadException>(() => engine.LoadModule(WatModules.Policy()));

        Assert.Contains("custom.double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModuleFile_reads_from_disk()
    {
        string path = Path.Combine(Path.GetTempPath(), "tollgate-load-" + Guid.NewGuid().ToString("N") + ".wasm");
        File.WriteAllBytes(path, WatModules.Policy());
        try
        {
            Assert.Equal(3, _engine.LoadModuleFile(path).AbiMinor);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
