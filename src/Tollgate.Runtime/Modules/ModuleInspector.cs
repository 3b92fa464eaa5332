using System.Text.Json;
using Tollgate.Runtime.Builtins;
using Tollgate.Runtime.Instances;
using Wasmtime;

namespace Tollgate.Runtime.Modules;

/// <summary>
/// Instantiates a freshly compiled module once to read what the host needs: ABI version, exports,
/// <c>builtins()</c> and <c>entrypoints()</c>; and resolves every required builtin against the registry.
/// </summary>
internal static class ModuleInspector
{
    public static PolicyModule Inspect(PolicyEngine engine, Module compiled, string sha256, int byteSize)
    {
        var shape = MemoryShapeOf(compiled);
        var (store, memory, instance) = WasmInstantiation.Create(
            engine.WasmEngine, compiled, shape, engine.Options.MaxMemoryPages, ProbeHost.Instance,
            engine.TicksFor(WasmInstantiation.SetupDeadline));
        using (store)
        {
            var (major, minor) = AbiExports.ReadVersion(instance);
            var abi = AbiExports.Bind(instance, minor);
            Dictionary<string, int> builtins;
            Dictionary<string, int> entrypoints;
            try
            {
                builtins = ReadNameMap(abi, memory, abi.Builtins(), "builtins");
                entrypoints = ReadNameMap(abi, memory, abi.Entrypoints(), "entrypoints");
            }
            catch (WasmtimeException ex)
            {
                throw new PolicyLoadException($"module trapped while listing builtins or entrypoints: {ex.Message}", ex);
            }
            var (byId, namesById) = ResolveBuiltins(builtins, engine.Builtins);
            return new PolicyModule(compiled, sha256, byteSize, major, minor, entrypoints, builtins, byId, namesById, shape);
        }
    }

    private static MemoryShape MemoryShapeOf(Module compiled)
    {
        foreach (var import in compiled.Imports)
        {
            if (import is MemoryImport memory)
            {
                if (memory.Is64Bit)
                {
                    throw new PolicyLoadException("module imports a 64-bit memory; the OPA ABI uses 32-bit addresses");
                }
                return new MemoryShape(true, memory.Minimum, memory.Maximum);
            }
        }
        return new MemoryShape(false, 0, null);
    }

    private static Dictionary<string, int> ReadNameMap(AbiExports abi, Memory memory, int value, string what)
    {
        if (value == 0)
        {
            throw new PolicyLoadException($"module's {what}() returned no value");
        }
        var json = LinearMemory.CString(memory, abi.JsonDump(value));
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyLoadException($"module's {what}() is not an object");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int id) || id < 0)
                {
                    throw new PolicyLoadException($"module's {what}() maps \"{property.Name}\" to a value that is not an id");
                }
                map[property.Name] = id;
            }
        }
        catch (JsonException ex)
        {
            throw new PolicyLoadException($"module's {what}() is not valid JSON: {ex.Message}", ex);
        }
        return map;
    }

    private static (BuiltinFunction?[] ById, string?[] NamesById) ResolveBuiltins(
        Dictionary<string, int> required, BuiltinRegistry registry)
    {
        int size = 0;
        var missing = new List<string>();
        foreach (var (name, id) in required)
        {
            size = Math.Max(size, id + 1);
            if (!registry.Contains(name))
            {
                missing.Add(name);
            }
        }
        if (missing.Count > 0)
        {
            missing.Sort(StringComparer.Ordinal);
            throw new PolicyLoadException(
                $"module requires host builtin(s) not available in this host: {string.Join(", ", missing)}");
        }
        var byId = new BuiltinFunction?[size];
        var names = new string?[size];
        foreach (var (name, id) in required)
        {
            registry.TryGet(name, out var function);
            byId[id] = function;
            names[id] = name;
        }
        return (byId, names);
    }

    /// <summary>Callbacks for the inspection instance: no policy code should run during inspection.</summary>
    private sealed class ProbeHost : IHostCallbacks
    {
        public static readonly ProbeHost Instance = new();

        public void Abort(int messageAddr) => throw new PolicyLoadException("module aborted during load");

        public void Println(int messageAddr) { }

        public int CallBuiltin(int id, int argc, int a0, int a1, int a2, int a3) =>
            throw new PolicyLoadException("module called a host builtin during load");
    }
}
