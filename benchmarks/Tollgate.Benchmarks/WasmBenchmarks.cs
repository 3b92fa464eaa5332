using BenchmarkDotNet.Attributes;
using Tollgate.Wasm;

namespace Tollgate.Benchmarks;

/// <summary>
/// Wasm toolchain cost on the real runtime library (runtime/dist/tollgate-runtime.wasm): parsing it, a
/// read-write round trip, and linking a large generated program (<see cref="GeneratedFunctions"/> functions,
/// each comparing a static string against the input through the runtime and calling the next) with dead-code
/// removal and renumbering. Linking includes the parse, since a linker is single-use.
/// </summary>
[MemoryDiagnoser]
public class WasmBenchmarks
{
    private byte[] _runtime = [];

    [Params(2000)]
    public int GeneratedFunctions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runtime = File.ReadAllBytes(FindRuntime());
        Console.WriteLine($"// runtime: {_runtime.Length} bytes; linked: {LinkLargeModule()} bytes");
    }

    [Benchmark(Baseline = true)]
    public int ReadRuntime() => WasmReader.Read(_runtime).Codes.Count;

    [Benchmark]
    public int RoundTripRuntime() => WasmWriter.Write(WasmReader.Read(_runtime)).Length;

    [Benchmark]
    public int LinkLargeModule()
    {
        var linker = new ModuleLinker(_runtime);
        var evalType = new FuncType([ValType.I32, ValType.I32, ValType.I32], [ValType.I32]);
        var tgString = linker.FindExport("tg_string") ?? throw new InvalidOperationException("runtime lacks tg_string");
        var tgEqual = linker.FindExport("tg_value_equal") ?? throw new InvalidOperationException("runtime lacks tg_value_equal");
        var functions = new FunctionRef[GeneratedFunctions];
        for (int i = 0; i < functions.Length; i++)
        {
            functions[i] = linker.Declare("rule_" + i, evalType);
        }
        for (int i = 0; i < functions.Length; i++)
        {
            string literal = "value number " + i;
            int address = linker.AddCString(literal);
            var body = new CodeBuilder(evalType);
            body.I32Const(address).I32Const(literal.Length).Call(tgString).LocalGet(1).Call(tgEqual)
                .If(ValType.I32);
            if (i + 1 < functions.Length)
            {
                body.LocalGet(0).LocalGet(1).LocalGet(2).Call(functions[i + 1]);
            }
            else
            {
                body.LocalGet(1);
            }
            body.Else().I32Const(0).End();
            linker.Define(functions[i], body);
        }
        linker.ReplaceBody("tg_gen_eval", new CodeBuilder(evalType).LocalGet(0).LocalGet(1).LocalGet(2).Call(functions[0]));
        return linker.Link(new LinkOptions()).Bytes.Length;
    }

    private static string FindRuntime()
    {
        // BenchmarkDotNet runs from a generated directory under bin/, so look above it and above the working directory.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
            {
                dir = dir.Parent;
            }
            if (dir is not null)
            {
                return Path.Combine(dir.FullName, "runtime", "dist", "tollgate-runtime.wasm");
            }
        }
        throw new InvalidOperationException("repository root (Tollgate.slnx) not found");
    }
}
