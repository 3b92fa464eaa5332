using System.Buffers;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Tollgate.Runtime;
using Tollgate.Runtime.Builtins;

namespace Tollgate.Benchmarks;

/// <summary>
/// The host's fixed cost per evaluation, measured on a minimal ABI 1.3 module whose policy does almost
/// nothing: one entrypoint echoes the input (input copy, opa_eval, result copy), one calls a host builtin
/// (argument dump, JSON round trip, result parse). Compiled policies add their own evaluation time on top.
/// </summary>
[MemoryDiagnoser]
public class RuntimeBenchmarks
{
    // Values are [i32 len][JSON text][NUL]; opa_eval wraps the entrypoint's value as [{"result":…}].
    private const string Module = """
        (module
          (import "env" "memory" (memory 2))
          (import "env" "opa_abort" (func $abort (param i32)))
          (import "env" "opa_builtin1" (func $builtin1 (param i32 i32 i32) (result i32)))
          (global $heap (mut i32) (i32.const 4096))
          (func $malloc (export "opa_malloc") (param $n i32) (result i32)
            (local $a i32)
            (local.set $a (global.get $heap))
            (global.set $heap (i32.add (local.get $a) (local.get $n)))
            (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
              (then (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then (unreachable)))))
            (local.get $a))
          (func (export "opa_free") (param i32))
          (func (export "opa_heap_ptr_get") (result i32) (global.get $heap))
          (func (export "opa_heap_ptr_set") (param i32) (global.set $heap (local.get 0)))
          (func $parse (export "opa_json_parse") (param $s i32) (param $n i32) (result i32)
            (local $v i32)
            (local.set $v (call $malloc (i32.add (local.get $n) (i32.const 5))))
            (i32.store (local.get $v) (local.get $n))
            (memory.copy (i32.add (local.get $v) (i32.const 4)) (local.get $s) (local.get $n))
            (i32.store8 (i32.add (i32.add (local.get $v) (i32.const 4)) (local.get $n)) (i32.const 0))
            (local.get $v))
          (func $dump (export "opa_json_dump") (param $v i32) (result i32) (i32.add (local.get $v) (i32.const 4)))
          (func (export "builtins") (result i32) (call $parse (i32.const 1100) (i32.const 16)))
          (func (export "entrypoints") (result i32) (call $parse (i32.const 1200) (i32.const 24)))
          (func (export "opa_eval") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
            (local $v i32) (local $n i32) (local $out i32)
            (global.set $heap (local.get 5))
            (local.set $v (call $parse (local.get 3) (local.get 4)))
            (if (i32.eq (local.get 1) (i32.const 1))
              (then (local.set $v (call $builtin1 (i32.const 0) (i32.const 0) (local.get $v)))))
            (local.set $n (i32.load (local.get $v)))
            (local.set $out (call $malloc (i32.add (local.get $n) (i32.const 14))))
            (memory.copy (local.get $out) (i32.const 1024) (i32.const 11))
            (memory.copy (i32.add (local.get $out) (i32.const 11)) (call $dump (local.get $v)) (local.get $n))
            (memory.copy (i32.add (i32.add (local.get $out) (i32.const 11)) (local.get $n)) (i32.const 1040) (i32.const 3))
            (local.get $out))
          (data (i32.const 1024) "[{\"result\":")
          (data (i32.const 1040) "}]\00")
          (data (i32.const 1100) "{\"bench.inc\":0}")
          (data (i32.const 1200) "{\"echo\":0,\"builtin\":1}")
          (global (export "opa_wasm_abi_version") i32 (i32.const 1))
          (global (export "opa_wasm_abi_minor_version") i32 (i32.const 3)))
        """;

    private static readonly byte[] Input = """{"user":"alice","action":"read","resource":{"kind":"doc","id":42}}"""u8.ToArray();

    private PolicyEngine _engine = null!;
    private PolicyInstancePool _pool = null!;
    private readonly ArrayBufferWriter<byte> _output = new(1024);

    [GlobalSetup]
    public void Setup()
    {
        var builtins = new BuiltinRegistry();
        builtins.Register("bench.inc", static (args, context) => JsonValue.Create(args[0]!.GetValue<double>() + 1));
        _engine = new PolicyEngine(new PolicyEngineOptions { Builtins = builtins });
        var module = _engine.LoadModule(Wasmtime.Module.ConvertText(Module));
        _pool = _engine.CreatePool(module, "{}"u8, new PoolOptions { MaxInstances = 1 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int EvaluateIntoBuffer()
    {
        _output.ResetWrittenCount();
        return _pool.Evaluate(0, Input, _output);
    }

    [Benchmark]
    public byte[] EvaluateByName() => _pool.Evaluate("echo", Input);

    [Benchmark]
    public int EvaluateWithHostBuiltin()
    {
        _output.ResetWrittenCount();
        return _pool.Evaluate(1, "41"u8, _output);
    }
}
