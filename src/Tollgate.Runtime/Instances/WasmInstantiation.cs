using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>
/// Creates the Store, linear memory and Instance of one module, wiring every <c>env</c> import to a host
/// callback object. Imports are resolved positionally from the module's import list so that an import the
/// host does not know fails at load with its name, and imports the module does not use cost nothing.
/// </summary>
internal static class WasmInstantiation
{
    /// <summary>Time given to instantiation and data loading (they run module code too).</summary>
    internal static readonly TimeSpan SetupDeadline = TimeSpan.FromMinutes(1);

    internal static (Store Store, Memory Memory, Instance Instance) Create(
        Engine engine, Module compiled, MemoryShape shape, int maxMemoryPages, IHostCallbacks host, ulong setupDeadlineTicks)
    {
        var store = new Store(engine);
        try
        {
            // The store-wide cap also bounds a memory the module defines itself instead of importing.
            store.SetLimits(memorySize: (long)maxMemoryPages * Memory.PageSize, tableElements: null,
                instances: 1, tables: null, memories: 1);
            store.SetEpochDeadline(setupDeadlineTicks);

            Memory? memory = null;
            if (shape.Imported)
            {
                if (shape.MinimumPages > maxMemoryPages)
                {
                    throw new PolicyLoadException(
                        $"module needs {shape.MinimumPages} memory pages at start, more than the limit of {maxMemoryPages}");
                }
                long maximum = shape.MaximumPages is { } declared ? Math.Min(declared, maxMemoryPages) : maxMemoryPages;
                memory = new Memory(store, shape.MinimumPages, maximum);
            }

            var imports = new object[compiled.Imports.Count];
            for (int i = 0; i < imports.Length; i++)
            {
                var import = compiled.Imports[i];
                imports[i] = Resolve(store, import, memory, host)
                    ?? throw new PolicyLoadException(
                        $"module imports {import.ModuleName}.{import.Name}, which the OPA wasm ABI host does not provide");
            }

            var instance = new Instance(store, compiled, imports);
            memory ??= instance.GetMemory("memory")
                ?? throw new PolicyLoadException("module neither imports env.memory nor exports memory");
            return (store, memory, instance);
        }
        catch (PolicyException)
        {
            store.Dispose();
            throw;
        }
        catch (WasmtimeException ex)
        {
            store.Dispose();
            throw new PolicyLoadException($"module could not be instantiated: {ex.Message}", ex);
        }
    }

    private static object? Resolve(Store store, Import import, Memory? memory, IHostCallbacks host)
    {
        if (import.ModuleName != "env")
        {
            return null;
        }
        if (import is MemoryImport)
        {
            return import.Name == "memory" ? memory : null;
        }
        if (import is not FunctionImport)
        {
            return null;
        }
        return import.Name switch
        {
            "opa_abort" => Function.FromCallback(store, (int addr) => host.Abort(addr)),
            "opa_println" => Function.FromCallback(store, (int addr) => host.Println(addr)),
            "opa_builtin0" => Function.FromCallback(store,
                (int id, int ctx) => host.CallBuiltin(id, 0, 0, 0, 0, 0)),
            "opa_builtin1" => Function.FromCallback(store,
                (int id, int ctx, int a) => host.CallBuiltin(id, 1, a, 0, 0, 0)),
            "opa_builtin2" => Function.FromCallback(store,
                (int id, int ctx, int a, int b) => host.CallBuiltin(id, 2, a, b, 0, 0)),
            "opa_builtin3" => Function.FromCallback(store,
                (int id, int ctx, int a, int b, int c) => host.CallBuiltin(id, 3, a, b, c, 0)),
            "opa_builtin4" => Function.FromCallback(store,
                (int id, int ctx, int a, int b, int c, int d) => host.CallBuiltin(id, 4, a, b, c, d)),
            _ => null,
        };
    }
}
