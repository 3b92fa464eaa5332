using System.Diagnostics;
using System.Globalization;
using Wasmtime;

namespace Tollgate.HostBench;

/// <summary>
/// The cost of single Wasmtime crossings from .NET, and of the seed module's opa_eval called bare (input
/// already in memory, result not read): separates the module's own time from the host's per-call work.
/// Uses Wasmtime directly with the same engine settings as PolicyEngine.
/// </summary>
internal static class CrossingMode
{
    /// <param name="wasmPath">A module file to run instead of compiling the seed (A/B of runtime builds).</param>
    /// <param name="evalOnly">Time only bare opa_eval, for long `perf record` runs.</param>
    /// <param name="inputText">Input text instead of the seed input ("" = no input).</param>
    public static void Run(int count, int inputBytes, string? wasmPath, bool evalOnly, string? inputText)
    {
        using var config = new Config();
        // Experiments: TOLLGATE_BENCH_NO_EPOCH=1 measures without epoch checks; TOLLGATE_BENCH_JITDUMP=1 writes
        // a jitdump for `perf record -k 1` + `perf inject --jit` (instruction-level profiles of the module).
        config.WithEpochInterruption(Environment.GetEnvironmentVariable("TOLLGATE_BENCH_NO_EPOCH") != "1");
        config.WithOptimizationLevel(OptimizationLevel.Speed);
        // Experiment: TOLLGATE_BENCH_MEMORY_FIXED=1 tells Cranelift linear memory never moves (its base may be
        // loaded once and kept), which PolicyEngine does not do (yet).
        if (Environment.GetEnvironmentVariable("TOLLGATE_BENCH_MEMORY_FIXED") == "1")
        {
            config.WithMemoryMayMove(false);
        }
        if (Environment.GetEnvironmentVariable("TOLLGATE_BENCH_JITDUMP") == "1")
        {
            config.WithProfilingStrategy(ProfilingStrategy.JitDump);
        }
        else if (Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PERFMAP") == "1")
        {
            config.WithProfilingStrategy(ProfilingStrategy.PerfMap);
        }
        using var engine = new Engine(config);
        using var module = Module.FromBytes(engine, "seed", wasmPath is null ? Seed.CompileShared() : File.ReadAllBytes(wasmPath));
        using var store = new Store(engine);
        store.SetEpochDeadline(ulong.MaxValue / 2);
        var memory = new Memory(store, 4, 1024);
        using var linker = new Linker(engine);
        linker.Define("env", "memory", memory);
        linker.DefineFunction("env", "opa_abort", (int _) => throw new InvalidOperationException("abort"));
        linker.DefineFunction("env", "opa_println", (int _) => { });
        for (int arity = 0; arity <= 4; arity++)
        {
            var parameters = Enumerable.Repeat(ValueKind.Int32, arity + 2).ToArray();
            linker.Define("env", "opa_builtin" + arity.ToString(CultureInfo.InvariantCulture),
                Function.FromCallback(store, (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> results) => results[0] = 0,
                    parameters, [ValueKind.Int32]));
        }
        var instance = linker.Instantiate(store, module);
        var malloc = instance.GetFunction<int, int>("opa_malloc")!;
        var parse = instance.GetFunction<int, int, int>("opa_json_parse")!;
        var heapGet = instance.GetFunction<int>("opa_heap_ptr_get")!;
        var eval = instance.GetFunction<int, int, int, int, int, int, int, int>("opa_eval")!;

        byte[] data = Seed.Data();
        int dataText = malloc(data.Length);
        data.CopyTo(memory.GetSpan(dataText, data.Length));
        int dataAddr = parse(dataText, data.Length);
        byte[] input = inputText is not null ? System.Text.Encoding.UTF8.GetBytes(inputText)
            : inputBytes > Seed.Input.Length ? BreakdownMode.Padded(inputBytes) : Seed.Input;
        int inputAddr = heapGet();
        input.CopyTo(memory.GetSpan(inputAddr, input.Length));
        int heapAfterInput = inputAddr + input.Length;
        var output = new byte[256];

        if (evalOnly)
        {
            Time("opa_eval bare (seed allow, input in memory)", count,
                () => eval(0, 0, dataAddr, inputAddr, input.Length, heapAfterInput, 0));
            return;
        }
        Time("opa_heap_ptr_get() (one wasm call, typed delegate)", count, () => heapGet());
        Time("Store.SetEpochDeadline", count, () => store.SetEpochDeadline(1000));
        Time("Memory.GetLength", count, () => memory.GetLength());
        Time("Memory.GetSpan(addr, len)", count, () => memory.GetSpan(inputAddr, 16));
        Time("opa_eval bare (seed allow, input in memory)", count,
            () => eval(0, 0, dataAddr, inputAddr, input.Length, heapAfterInput, 0));
        Time("opa_eval + input copy + result read", count, () =>
        {
            input.CopyTo(memory.GetSpan(inputAddr, input.Length));
            int result = eval(0, 0, dataAddr, inputAddr, input.Length, heapAfterInput, 0);
            var tail = memory.GetSpan(result, 64);
            int end = tail.IndexOf((byte)0);
            tail[..end].CopyTo(output);
        });
    }

    private static void Time(string what, int count, Action action)
    {
        for (int i = 0; i < count / 10 + 1000; i++)
        {
            action();
        }
        long best = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                action();
            }
            best = Math.Min(best, Stopwatch.GetTimestamp() - start);
        }
        double ns = best * (1e9 / Stopwatch.Frequency) / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-55} {ns,8:0.0} ns (best of 5 rounds)"));
    }
}
