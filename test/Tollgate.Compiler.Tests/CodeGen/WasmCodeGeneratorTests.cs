using Tollgate.Compiler.CodeGen;
using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Tests.Support;
using Tollgate.Wasm;

namespace Tollgate.Compiler.Tests.CodeGen;

/// <summary>Hand-built IR → wasm → executed in the host: each statement's success and failure paths.</summary>
public class WasmCodeGeneratorTests
{
    private static byte[] Generate(IrProgram program)
    {
        var linker = new ModuleLinker(RuntimeLibrary.Bytes);
        return new WasmCodeGenerator(linker, program).Generate(null).Bytes;
    }

    private static IrFunction Entry(IrProgram program, string name)
    {
        var fn = new IrFunction("entry." + name, 0);
        program.Functions.Add(fn);
        program.Entrypoints.Add(new IrEntrypoint(name, fn.Name));
        return fn;
    }

    [Fact]
    public void Dot_and_builtin_call_compute_input_x_plus_one()
    {
        var program = new IrProgram();
        var fn = Entry(program, "p");
        fn.LocalCount = 6;
        fn.Body.Add(new MakeScalarStmt(IrScalar.String("x"), 2));
        fn.Body.Add(new DotStmt(0, 2, 3));
        fn.Body.Add(new MakeScalarStmt(IrScalar.Number("1"), 4));
        fn.Body.Add(new CallStmt(CallKind.Builtin, "plus", [3, 4], 5));
        fn.Body.Add(new ReturnStmt(5));
        using var run = new PolicyRunner(Generate(program));
        Assert.Equal("[{\"result\":42}]", run.Eval("p", "{\"x\":41}"));
        // input.x undefined: the dot fails, the function falls through to undefined.
        Assert.Equal("[]", run.Eval("p", "{\"y\":1}"));
    }

    [Fact]
    public void Scan_collects_elements_and_not_filters_them()
    {
        // result = {v | v = input[_]; not v == 2}
        var program = new IrProgram();
        var fn = Entry(program, "s");
        fn.LocalCount = 7;
        fn.Body.Add(new MakeCollectionStmt(CollectionKind.Set, 2));
        var body = new IrBlock();
        var not = new IrBlock();
        not.Add(new MakeScalarStmt(IrScalar.Number("2"), 5));
        not.Add(new EqualStmt(4, 5));
        body.Add(new NotStmt(not));
        body.Add(new SetAddStmt(2, 4));
        fn.Body.Add(new ScanStmt(0, 3, 4, body));
        fn.Body.Add(new ReturnStmt(2));
        using var run = new PolicyRunner(Generate(program));
        Assert.Equal("[{\"result\":[1,3]}]", run.Eval("s", "[3,2,1,2]"));
        Assert.Equal("[{\"result\":[]}]", run.Eval("s", "\"scalar\""));
    }

    [Fact]
    public void Assign_once_conflict_aborts_with_message()
    {
        var program = new IrProgram();
        var fn = Entry(program, "c");
        fn.LocalCount = 5;
        fn.Body.Add(new ResetLocalStmt(2));
        var body = new IrBlock();
        body.Add(new AssignOnceStmt(4, 2, "x.rego:1:1: eval_conflict_error: complete rules must not produce multiple outputs"));
        fn.Body.Add(new ScanStmt(0, 3, 4, body));
        fn.Body.Add(new IsDefinedStmt(2));
        fn.Body.Add(new ReturnStmt(2));
        using var run = new PolicyRunner(Generate(program));
        Assert.Equal("[{\"result\":1}]", run.Eval("c", "[1,1]"));
        var ex = Assert.ThrowsAny<Exception>(() => run.Eval("c", "[1,2]"));
        Assert.Contains("complete rules must not produce multiple outputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_finds_the_matching_case_by_binary_search()
    {
        var program = new IrProgram();
        var fn = Entry(program, "w");
        fn.LocalCount = 3;
        fn.Body.Add(new ResetLocalStmt(2));
        var cases = new List<IrSwitchCase>();
        foreach (var s in new[] { "a", "b", "c", "d", "e", "f", "g" })
        {
            var block = new IrBlock();
            block.Add(new MakeScalarStmt(IrScalar.String(s + s), 2));
            cases.Add(new IrSwitchCase(IrScalar.String(s), block));
        }
        fn.Body.Add(new SwitchStmt(0, cases));
        fn.Body.Add(new IsDefinedStmt(2));
        fn.Body.Add(new ReturnStmt(2));
        using var run = new PolicyRunner(Generate(program));
        foreach (var s in new[] { "a", "b", "c", "d", "e", "f", "g" })
        {
            Assert.Equal("[{\"result\":\"" + s + s + "\"}]", run.Eval("w", "\"" + s + "\""));
        }
        Assert.Equal("[]", run.Eval("w", "\"zz\""));
        Assert.Equal("[]", run.Eval("w", "1"));
    }
}
