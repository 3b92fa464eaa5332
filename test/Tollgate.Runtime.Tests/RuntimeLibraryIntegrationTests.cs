using System.Text;

namespace Tollgate.Runtime.Tests;

/// <summary>
/// The host against Tollgate's real runtime library (runtime/dist/tollgate-runtime.wasm, committed by the
/// runtime engineer): on its own it is an ABI module without entrypoints, so it exercises the real
/// opa_json_parse, opa_value_add_path and opa_value_remove_path through the host's load and patch paths.
/// </summary>
public sealed class RuntimeLibraryIntegrationTests : IDisposable
{
    private readonly PolicyEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    private static byte[] RuntimeLibrary()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tollgate.slnx")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "repository root (Tollgate.slnx) not found above the test output");
        string path = Path.Combine(directory!.FullName, "runtime", "dist", "tollgate-runtime.wasm");
        Assert.True(File.Exists(path), $"{path} is missing: the runtime library must be committed");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void The_runtime_library_loads_as_an_abi_module()
    {
        var module = _engine.LoadModule(RuntimeLibrary());

        Assert.Equal(1, module.AbiMajor);
        Assert.InRange(module.AbiMinor, 2, 3);
    }

    [Fact]
    public void Data_loads_and_patches_go_through_the_real_value_model()
    {
        var module = _engine.LoadModule(RuntimeLibrary());
        using var pool = _engine.CreatePool(module, Encoding.UTF8.GetBytes("""{"tenants":{"acme":{"plan":"free"}},"n":1}"""));

        pool.AddDataPath(["tenants", "globex"], """{"plan":"gold","seats":[1,2,3]}"""u8);
        pool.AddDataPath(["tenants", "acme", "plan"], "\"pro\""u8);
        pool.RemoveDataPath(["tenants", "globex"]);

        // Patching below a number is rejected by the module (invalid type or path), not silently applied.
        Assert.Throws<PolicyDataException>(() => pool.AddDataPath(["n", "x"], "1"u8));
        Assert.Throws<PolicyInputException>(() => pool.AddDataPath(["n"], "{"u8));
    }
}
