using System.Text;
using Tollgate.Wasm.Tests.Support;
using static Tollgate.Wasm.Tests.Linking.LinkerTestModules;

namespace Tollgate.Wasm.Tests.Linking;

public class ModuleLinkerTests
{
    [Fact]
    public void Default_link_keeps_only_abi_exports_and_essential_imports()
    {
        var original = WasmReader.Read(FixtureModules.MiniRuntime());
        var result = Runtime().Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "default");
        var linked = Parse(result);

        Assert.Equal(["entrypoints", "opa_eval", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_malloc"], ExportNames(linked));
        // opa_builtin1 was only used by tg_unused_b; opa_println is kept although only that function used it.
        Assert.Equal(["env.opa_println", "env.opa_abort"], FunctionImportNames(linked)); // the runtime's order
        Assert.Equal(linked.Codes.Count, result.FunctionCount);
        Assert.Equal(original.Codes.Count - linked.Codes.Count, result.RemovedFunctions);
        Assert.True(result.RemovedFunctions >= 8, $"removed only {result.RemovedFunctions}");
        Assert.DoesNotContain(linked.CustomSections, c => c.Name == "name");
    }

    [Fact]
    public void Without_dead_code_removal_every_function_stays()
    {
        var original = WasmReader.Read(FixtureModules.MiniRuntime());
        var result = Runtime().Link(new LinkOptions { RemoveUnusedFunctions = false });
        NativeTools.AssertValid(result.Bytes, "nodce");
        var linked = Parse(result);
        Assert.Equal(original.Codes.Count, linked.Codes.Count);
        Assert.Equal(0, result.RemovedFunctions);
        Assert.Equal(3, FunctionImportNames(linked).Count);
    }

    [Fact]
    public void Generated_eval_replaces_the_stub_and_runs()
    {
        var linker = Runtime();
        var add = linker.FindExport("tg_add")!;
        var mul = linker.FindExport("tg_mul")!;
        Assert.Equal(I32I32ToI32, add.Type);

        // policy(ep, input, data) = ep == 1 ? (input + data) * 3 : -1
        var policy = linker.Declare("policy", EvalType);
        var body = new CodeBuilder(EvalType);
        body.LocalGet(0).I32Const(1).I32Eq()
            .If(ValType.I32)
                .LocalGet(1).LocalGet(2).Call(add).I32Const(3).Call(mul)
            .Else()
                .I32Const(-1)
            .End();
        linker.Define(policy, body);

        var stub = new CodeBuilder(EvalType).LocalGet(0).LocalGet(1).LocalGet(2).Call(policy);
        linker.ReplaceBody("tg_gen_eval", stub);
        var result = linker.Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "eval");

        using var instance = new WasmtimeInstance(result.Bytes);
        int heap = instance.CallI32("opa_heap_ptr_get");
        Assert.Equal(33, instance.CallI32("opa_eval", 0, 1, 4, 7, 0, heap, 0));
        Assert.Equal(-1, instance.CallI32("opa_eval", 0, 2, 4, 7, 0, heap, 0));
        Assert.Throws<Wasmtime.WasmtimeException>(() => instance.CallI32("opa_eval", 1, 1, 4, 7, 0, heap, 0));
        Assert.Equal(["reserved must be 0"], instance.Aborts);
    }

    [Fact]
    public void New_imports_shift_defined_functions_and_everything_is_renumbered()
    {
        var linker = Runtime();
        var builtin2 = linker.Import("env", "opa_builtin2", new FuncType([ValType.I32, ValType.I32, ValType.I32, ValType.I32], [ValType.I32]));
        var extra = linker.Import("env", "opa_builtin0", new FuncType([ValType.I32, ValType.I32], [ValType.I32]));
        var apply = linker.FindExport("tg_apply")!;
        var count = linker.FindExport("tg_count")!;

        // eval = builtin2(7, 0, input, data) + tg_apply(ep, 10) + tg_count(0) + builtin0(9, 0)
        var body = new CodeBuilder(EvalType);
        body.I32Const(7).I32Const(0).LocalGet(1).LocalGet(2).Call(builtin2)
            .LocalGet(0).I32Const(10).Call(apply).I32Add()
            .I32Const(0).Call(count).I32Add()
            .I32Const(9).I32Const(0).Call(extra).I32Add();
        linker.ReplaceBody("tg_gen_eval", body);
        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string> { "opa_eval", "opa_malloc", "tg_apply" } });
        NativeTools.AssertValid(result.Bytes, "imports");

        var linked = Parse(result);
        Assert.Equal(["env.opa_println", "env.opa_abort", "env.opa_builtin2", "env.opa_builtin0"], FunctionImportNames(linked));
        var calls = new List<string>();
        using var instance = new WasmtimeInstance(result.Bytes, (id, args) =>
        {
            calls.Add(id + ":" + string.Join(",", args));
            return id == 7 ? args[0] * args[1] : 1000;
        });
        // ep 0 -> op_inc(10) = 11; ep 1 -> op_dbl(10) = 20 (through the function table)
        Assert.Equal((5 * 6) + 11 + 1 + 1000, instance.CallI32("opa_eval", 0, 0, 6, 5, 0, 0, 0));
        Assert.Equal((2 * 3) + 20 + 2 + 1000, instance.CallI32("opa_eval", 0, 1, 3, 2, 0, 0, 0));
        Assert.Equal(["7:5,6", "9:", "7:2,3", "9:"], calls);
        Assert.Equal(20, instance.CallI32("tg_apply", 1, 10));
        Assert.True(instance.CallI32("opa_malloc", 16) >= result.HeapBase);
    }

    [Fact]
    public void Dead_code_removal_keeps_table_targets_and_removes_unreachable_code()
    {
        var keep = new HashSet<string> { "tg_apply" };
        var result = Runtime().Link(new LinkOptions { KeepExports = keep, KeepNames = true });
        NativeTools.AssertValid(result.Bytes, "dce");
        var linked = Parse(result);
        var names = NameSection.Parse(linked.CustomSections.Find(c => c.Name == "name")!.Content);
        var functionNames = new HashSet<string>(names.FunctionNames.Values);
        Assert.Contains("op_inc", functionNames);
        Assert.Contains("op_dbl", functionNames);
        Assert.Contains("tg_apply", functionNames);
        Assert.DoesNotContain("deep_helper", functionNames);
        Assert.DoesNotContain("tg_unused_a", functionNames);
        Assert.DoesNotContain("opa_malloc", functionNames);
        Assert.Equal(["tg_apply"], ExportNames(linked));

        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(8, instance.CallI32("tg_apply", 0, 7));
        Assert.Equal(14, instance.CallI32("tg_apply", 1, 7));
    }

    [Fact]
    public void Unreachable_generated_functions_are_removed_too()
    {
        var linker = Runtime();
        var unused = linker.Declare("unused", VoidToI32);
        linker.Define(unused, new CodeBuilder(VoidToI32).I32Const(1));
        var neverDefined = linker.Declare("never_defined", VoidToI32);
        Assert.Equal("never_defined", neverDefined.Name);
        var baseline = Runtime().Link(new LinkOptions());
        var result = linker.Link(new LinkOptions());
        Assert.Equal(baseline.FunctionCount, result.FunctionCount);
        Assert.Equal(baseline.RemovedFunctions + 2, result.RemovedFunctions);
    }

    [Fact]
    public void Static_data_goes_after_the_runtime_stack_and_sets_the_heap_base()
    {
        var runtime = WasmReader.Read(FixtureModules.MiniRuntime());
        int stackTop = FunctionBodies.ConstantI32(runtime.Globals[0].Init)!.Value;
        var linker = Runtime();
        Assert.True(linker.DataStart >= stackTop, $"data start {linker.DataStart} is inside the stack (top {stackTop})");

        int a = linker.AddData([1, 2, 3]);
        int s = linker.AddCString("héllo");
        int b = linker.AddData(new byte[] { 9, 9, 9, 9 }, 16);
        Assert.Equal(linker.DataStart, a);
        Assert.Equal(a + 3, s);
        Assert.Equal(0, b % 16);
        Assert.True(b >= s + Encoding.UTF8.GetByteCount("héllo") + 1);

        var greeting = linker.FindExport("tg_greeting")!;
        var body = new CodeBuilder(EvalType).I32Const(s).Call(greeting).Drop();
        linker.ReplaceBody("tg_gen_eval", body);
        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string> { "opa_malloc", "opa_eval", "tg_strlen", "tg_load_byte", "tg_gen_heap_base", "tg_greeting" } });
        NativeTools.AssertValid(result.Bytes, "data");
        Assert.Equal(0, result.HeapBase % 16);
        Assert.True(result.HeapBase >= b + 4);

        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(result.HeapBase, instance.CallI32("tg_gen_heap_base"));
        Assert.Equal("héllo", instance.ReadCString(s));
        Assert.Equal(6, instance.CallI32("tg_strlen", s));
        Assert.Equal(2, instance.CallI32("tg_load_byte", a + 1));
        Assert.Equal(9, instance.CallI32("tg_load_byte", b + 3));
        // The runtime's own data is intact and the allocator starts above the generated data.
        Assert.Equal("runtime says hi", instance.ReadCString(instance.CallI32("tg_greeting")));
        int p = instance.CallI32("opa_malloc", 64);
        Assert.True(p >= result.HeapBase, $"malloc returned {p} below heap base {result.HeapBase}");
    }

    [Fact]
    public void Large_static_data_raises_the_memory_minimum()
    {
        var linker = Runtime();
        var big = new byte[300_000];
        big[^1] = 42;
        int address = linker.AddData(big);
        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string> { "tg_load_byte" } });
        NativeTools.AssertValid(result.Bytes, "bigdata");
        var memory = Parse(result).Imports.Find(i => i.Kind == ExternalKind.Memory)!;
        Assert.True(memory.Memory.Min * 65536 >= (ulong)result.HeapBase);
        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(42, instance.CallI32("tg_load_byte", address + big.Length - 1));
    }

    [Fact]
    public void Exported_generated_functions_with_loops_and_branch_tables_run()
    {
        var linker = Runtime();
        // factorial(n) with a loop
        var factorial = linker.Declare("factorial", I32ToI32);
        var f = new CodeBuilder(I32ToI32);
        int acc = f.AddLocal(ValType.I32);
        f.I32Const(1).LocalSet(acc)
            .Block()
                .Loop()
                    .LocalGet(0).I32Const(1).I32LeS().BrIf(1)
                    .LocalGet(acc).LocalGet(0).I32Mul().LocalSet(acc)
                    .LocalGet(0).I32Const(1).I32Sub().LocalSet(0)
                    .Br(0)
                .End()
            .End()
            .LocalGet(acc);
        Assert.Equal(0, f.CurrentDepth);
        linker.Define(factorial, f);

        // classify(n): br_table over 0,1,2 else 3, calling factorial for case 2
        var classify = linker.Declare("classify", I32ToI32);
        var c = new CodeBuilder(I32ToI32);
        c.Block().Block().Block().Block();
        Assert.Equal(4, c.CurrentDepth);
        c.LocalGet(0).BrTable([0, 1, 2], 3)
            .End().I32Const(100).Return()
            .End().I32Const(101).Return()
            .End().I32Const(5).Call(factorial).Return()
            .End().I32Const(-3);
        linker.Define(classify, c);
        linker.Export("classify", classify);
        linker.Export("factorial", factorial);

        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string>() });
        NativeTools.AssertValid(result.Bytes, "loops");
        Assert.Equal(["classify", "factorial"], ExportNames(Parse(result)));
        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(720, instance.CallI32("factorial", 6));
        Assert.Equal(1, instance.CallI32("factorial", 0));
        Assert.Equal(100, instance.CallI32("classify", 0));
        Assert.Equal(101, instance.CallI32("classify", 1));
        Assert.Equal(120, instance.CallI32("classify", 2));
        Assert.Equal(-3, instance.CallI32("classify", 7));
    }

    [Fact]
    public void Names_are_rewritten_for_the_new_indices()
    {
        var linker = Runtime();
        var gen = linker.Declare("generated_fn", VoidToI32);
        linker.Define(gen, new CodeBuilder(VoidToI32).I32Const(5));
        linker.Export("gen", gen);
        var result = linker.Link(new LinkOptions { KeepNames = true });
        NativeTools.AssertValid(result.Bytes, "names");
        var linked = Parse(result);
        var names = NameSection.Parse(linked.CustomSections.Find(c => c.Name == "name")!.Content);
        var export = linked.FindExport("gen")!;
        Assert.Equal("generated_fn", names.FunctionNames[export.Index]);
        Assert.Equal("opa_malloc", names.FunctionNames[linked.FindExport("opa_malloc")!.Index]);
        Assert.Equal("opa_println", names.FunctionNames[0]);
        Assert.Contains("__stack_pointer", names.GlobalNames.Values);
        int functionTotal = linked.CountImports(ExternalKind.Function) + linked.Codes.Count;
        Assert.Equal(functionTotal, names.FunctionNames.Count);
        // wabt's objdump agrees with the section (it parses the name section strictly).
        var path = Path.Combine(FixtureModules.WorkDirectory, "names.wasm");
        File.WriteAllBytes(path, result.Bytes);
        var (code, output) = NativeTools.Run("wasm-objdump", "-x", path);
        Assert.Equal(0, code);
        Assert.Contains("<generated_fn>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Features_module_links_with_elements_start_and_passive_segments()
    {
        var linker = new ModuleLinker(FixtureModules.Features());
        var println = linker.Import("env", "opa_println", I32ToVoid);
        var multi = linker.FindExport("multi")!;
        var wrapper = linker.Declare("wrapper", VoidToI32);
        linker.Define(wrapper, new CodeBuilder(VoidToI32).I32Const(0).Call(println).Call(multi));
        linker.Export("wrapper", wrapper);
        linker.AddCString("features data");
        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string> { "refs", "bulk", "control", "signext", "sat", "typedselect", "simd" } });
        NativeTools.AssertValid(result.Bytes, "features");
        var linked = Parse(result);
        Assert.Equal(3u, linked.DataCount);
        Assert.NotNull(linked.Start);

        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(11, instance.CallI32("wrapper"));
        Assert.Equal(0, instance.CallI32("refs"));
        Assert.Equal(-1, instance.CallI32("signext", 255));
        Assert.Equal(13, instance.CallI32("simd"));
        Assert.Equal(int.MinValue, instance.CallI32("control", 2)); // 2 = br_table default (1 would loop forever)
        Assert.Equal(["", "1"], instance.Printed); // wrapper printed address 0, then control logged 1
    }

    [Fact]
    public void Import_returns_the_existing_import_and_rejects_a_different_type()
    {
        var linker = Runtime();
        var abort = linker.Import("env", "opa_abort", I32ToVoid);
        Assert.Same(abort, linker.Import("env", "opa_abort", I32ToVoid));
        Assert.Throws<ArgumentException>(() => linker.Import("env", "opa_abort", VoidToI32));
        var other = linker.Import("other", "opa_abort", I32ToVoid);
        Assert.NotSame(abort, other);
        Assert.Same(other, linker.Import("other", "opa_abort", I32ToVoid));
    }

    [Fact]
    public void Misuse_is_reported()
    {
        var linker = Runtime();
        Assert.Null(linker.FindExport("no_such_function"));
        Assert.Throws<ArgumentException>(() => linker.ReplaceBody("no_such_function", new CodeBuilder(VoidToI32)));
        Assert.Throws<ArgumentException>(() => linker.ReplaceBody("tg_gen_eval", new CodeBuilder(VoidToI32)));
        var f = linker.Declare("f", VoidToI32);
        Assert.Throws<ArgumentException>(() => linker.Define(f, new CodeBuilder(I32ToI32)));
        Assert.Throws<ArgumentException>(() => linker.Define(f, new CodeBuilder(VoidToI32).Block(ValType.I32)));
        Assert.Throws<ArgumentException>(() => linker.Define(linker.FindExport("tg_add")!, new CodeBuilder(I32I32ToI32)));
        Assert.Throws<ArgumentException>(() => new ModuleLinker(FixtureModules.MiniRuntime()).Export("x", f));
        Assert.Throws<ArgumentOutOfRangeException>(() => linker.AddData([1], 3));
        Assert.Throws<ArgumentException>(() => linker.ReplaceBody(ModuleLinker.HeapBaseStub, new CodeBuilder(VoidToI32).I32Const(0)));
        Assert.Throws<InvalidOperationException>(() => new CodeBuilder(VoidToI32).End());
        Assert.Throws<InvalidOperationException>(() => new CodeBuilder(VoidToI32).Block().Else());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeBuilder(VoidToI32).Block().Br(2));
        Assert.Throws<ArgumentException>(() => new CodeBuilder(VoidToI32).Op(0x41));

        var used = linker.Declare("used_but_undefined", VoidToI32);
        linker.Export("used", used);
        Assert.Throws<InvalidOperationException>(() => linker.Link(new LinkOptions()));
        Assert.Throws<InvalidOperationException>(() => linker.Link(new LinkOptions()));
        Assert.Throws<InvalidOperationException>(() => linker.AddCString("late"));
    }

    [Fact]
    public void Malformed_runtime_is_a_format_error()
    {
        var bytes = FixtureModules.MiniRuntime();
        Assert.Throws<WasmFormatException>(() => new ModuleLinker(bytes.AsSpan(0, bytes.Length / 2)));
    }

    [Theory]
    [InlineData("-O0")]
    [InlineData("-Os")]
    public void Links_runtimes_built_at_other_optimization_levels(string opt)
    {
        var linker = Runtime(opt);
        linker.ReplaceBody("tg_gen_eval", new CodeBuilder(EvalType).LocalGet(1).LocalGet(2).Call(linker.FindExport("tg_add")!));
        var result = linker.Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "opt" + opt);
        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(9, instance.CallI32("opa_eval", 0, 0, 4, 5, 0, instance.CallI32("opa_heap_ptr_get"), 0));
    }

    [Fact]
    public void Debug_sections_are_dropped_because_code_offsets_change()
    {
        var bytes = FixtureModules.CompileC("mini_runtime.c", "-O1", "-g", "-Wl,--no-entry,--import-memory,--export-dynamic",
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini_stubs.c"));
        Assert.Contains(WasmReader.Read(bytes).CustomSections, c => c.Name.StartsWith(".debug", StringComparison.Ordinal));
        Assert.Equal(bytes, WasmWriter.Write(WasmReader.Read(bytes)));
        var linker = new ModuleLinker(bytes);
        linker.ReplaceBody("tg_gen_eval", new CodeBuilder(EvalType).LocalGet(1).LocalGet(2).Call(linker.FindExport("tg_mul")!));
        var result = linker.Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "debug");
        var linked = Parse(result);
        Assert.DoesNotContain(linked.CustomSections, c => c.Name.StartsWith(".debug", StringComparison.Ordinal));
        Assert.Contains(linked.CustomSections, c => c.Name == "producers");
        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(42, instance.CallI32("opa_eval", 0, 0, 6, 7, 0, instance.CallI32("opa_heap_ptr_get"), 0));
    }

    [Fact]
    public void Linking_is_deterministic_and_runtime_functions_can_be_reexported()
    {
        static byte[] LinkOnce()
        {
            var linker = Runtime();
            linker.Export("my_add", linker.FindExport("tg_add")!);
            var gen = linker.Declare("gen", VoidToI32);
            linker.Define(gen, new CodeBuilder(VoidToI32).I32Const(2).I32Const(3).Call(linker.FindExport("tg_mul")!));
            linker.Export("gen", gen);
            linker.AddCString("x");
            return linker.Link(new LinkOptions { KeepNames = true }).Bytes;
        }

        var first = LinkOnce();
        Assert.Equal(first, LinkOnce());
        using var instance = new WasmtimeInstance(first);
        Assert.Equal(5, instance.CallI32("my_add", 2, 3));
        Assert.Equal(6, instance.CallI32("gen"));
    }

    [Fact]
    public void Local_names_follow_their_function_when_indices_shift()
    {
        var bytes = FixtureModules.FromWat("""
            (module
              (func $dead (param $unused i32))
              (func $keep (export "keep") (param $first i32) (param $second i32) (result i32)
                (i32.add (local.get $first) (local.get $second))))
            """, debugNames: true);
        var linker = new ModuleLinker(bytes);
        var imported = linker.Import("env", "log", I32ToVoid);
        var caller = linker.Declare("caller", I32ToI32);
        linker.Define(caller, new CodeBuilder(I32ToI32).LocalGet(0).Call(imported).LocalGet(0).LocalGet(0).Call(linker.FindExport("keep")!));
        linker.Export("caller", caller);
        var result = linker.Link(new LinkOptions { KeepExports = new HashSet<string> { "keep" }, KeepNames = true });
        NativeTools.AssertValid(result.Bytes, "localnames");
        var linked = Parse(result);
        var names = NameSection.Parse(linked.CustomSections.Find(c => c.Name == "name")!.Content);
        uint keep = linked.FindExport("keep")!.Index;
        Assert.Equal(1u, keep); // import 0, then $keep ($dead removed)
        Assert.Equal("keep", names.FunctionNames[keep]);
        Assert.Equal("log", names.FunctionNames[0]);
        Assert.Equal("caller", names.FunctionNames[2]);
        Assert.True(names.LocalNames.ContainsKey(keep));
        Assert.Single(names.LocalNames);
        var path = Path.Combine(FixtureModules.WorkDirectory, "localnames.wasm");
        File.WriteAllBytes(path, result.Bytes);
        var (_, output) = NativeTools.Run("wasm-objdump", "-x", path);
        Assert.Contains("func[1] local[1] <second>", output, StringComparison.Ordinal);
        using var instance = new WasmtimeInstance(result.Bytes);
        Assert.Equal(10, instance.CallI32("caller", 5));
        Assert.Equal(["5"], instance.Printed);
    }
}
