using Wasmtime;

namespace Tollgate.Wasm.Tests.Support;

/// <summary>
/// Instantiates a linked module in Wasmtime the way an OPA host would: it creates env.memory with the module's
/// declared minimum, and supplies opa_abort, opa_println and opa_builtin0..4 (builtins answer through a callback).
/// </summary>
public sealed class WasmtimeInstance : IDisposable
{
    // One engine for the whole run: engines are thread-safe and costly to create; stores are per instance.
    private static readonly Engine SharedEngine = new();
    private readonly Engine _engine = SharedEngine;
    private readonly Store _store;

    public WasmtimeInstance(byte[] wasm, Func<int, int[], int>? builtin = null)
    {
        _store = new Store(_engine);
        using var module = Module.FromBytes(_engine, "linked", wasm);
        using var linker = new Linker(_engine);
        var parsed = WasmReader.Read(wasm);
        foreach (var import in parsed.Imports)
        {
            if (import.Kind == ExternalKind.Memory)
            {
                Memory = new Memory(_store, (long)import.Memory.Min, null, false);
                linker.Define(import.Module, import.Name, Memory);
                continue;
            }
            if (import.Kind != ExternalKind.Function)
            {
                throw new InvalidOperationException($"test host cannot supply {import}");
            }
            switch (import.Name)
            {
                case "opa_abort":
                    linker.DefineFunction(import.Module, import.Name, (int addr) =>
                    {
                        Aborts.Add(ReadCString(addr));
                        throw new WasmtimeException("opa_abort: " + ReadCString(addr));
                    });
                    break;
                case "opa_println":
                    linker.DefineFunction(import.Module, import.Name, (int addr) => Printed.Add(ReadCString(addr)));
                    break;
                case "opa_builtin0":
                    linker.DefineFunction(import.Module, import.Name, (int id, int ctx) => CallBuiltin(builtin, id));
                    break;
                case "opa_builtin1":
                    linker.DefineFunction(import.Module, import.Name, (int id, int ctx, int a) => CallBuiltin(builtin, id, a));
                    break;
                case "opa_builtin2":
                    linker.DefineFunction(import.Module, import.Name, (int id, int ctx, int a, int b) => CallBuiltin(builtin, id, a, b));
                    break;
                case "log":
                    linker.DefineFunction(import.Module, import.Name, (int v) => Printed.Add(v.ToString()));
                    break;
                default:
                    throw new InvalidOperationException($"test host cannot supply {import}");
            }
        }
        Instance = linker.Instantiate(_store, module);
        Memory ??= Instance.GetMemory("memory");
    }

    public Instance Instance { get; }

    public Memory? Memory { get; }

    public List<string> Printed { get; } = [];

    public List<string> Aborts { get; } = [];

    public int CallI32(string name, params int[] args)
    {
        var function = Instance.GetFunction(name) ?? throw new InvalidOperationException($"no export {name}");
        var boxed = new ValueBox[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            boxed[i] = args[i];
        }
        return (int)function.Invoke(boxed)!;
    }

    public string ReadCString(int address) =>
        (Memory ?? throw new InvalidOperationException("no memory")).ReadNullTerminatedString(address);

    private static int CallBuiltin(Func<int, int[], int>? builtin, int id, params int[] args) =>
        builtin is null ? throw new WasmtimeException($"unexpected builtin call {id}") : builtin(id, args);

    public void Dispose()
    {
        _store.Dispose();
    }
}
