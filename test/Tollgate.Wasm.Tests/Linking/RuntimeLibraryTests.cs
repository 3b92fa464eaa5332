using System.Text;
using Tollgate.Wasm.Tests.Support;
using static Tollgate.Wasm.Tests.Linking.LinkerTestModules;

namespace Tollgate.Wasm.Tests.Linking;

/// <summary>The linker against the real runtime library (runtime/dist/tollgate-runtime.wasm).</summary>
public class RuntimeLibraryTests
{
    [Fact]
    public void Runtime_library_round_trips_byte_for_byte()
    {
        var bytes = RepositoryFiles.RuntimeLibrary();
        Assert.Equal(bytes, WasmWriter.Write(WasmReader.Read(bytes)));
    }

    [Fact]
    public void Linked_policy_answers_through_the_opa_eval_abi()
    {
        var linker = new ModuleLinker(RepositoryFiles.RuntimeLibrary());
        var boolean = linker.FindExport("tg_boolean") ?? throw new InvalidOperationException("runtime lacks tg_boolean");
        int entrypoints = linker.AddCString("{\"test/allow\":0}");
        int builtins = linker.AddCString("{}");

        // tg_gen_eval(ep, input, data) = ep == 0 ? true : undefined
        var eval = new CodeBuilder(EvalType);
        eval.LocalGet(0).I32Eqz().If(ValType.I32).I32Const(1).Call(boolean).Else().I32Const(0).End();
        linker.ReplaceBody("tg_gen_eval", eval);
        linker.ReplaceBody("tg_gen_entrypoints_json", new CodeBuilder(VoidToI32).I32Const(entrypoints));
        linker.ReplaceBody("tg_gen_builtins_json", new CodeBuilder(VoidToI32).I32Const(builtins));
        int minorVersion = linker.FindGlobal("opa_wasm_abi_minor_version") ?? throw new InvalidOperationException("no ABI version global");
        Assert.Null(linker.FindGlobal("opa_eval"));
        var abiMinor = linker.Declare("abi_minor", VoidToI32);
        linker.Define(abiMinor, new CodeBuilder(VoidToI32).GlobalGet(minorVersion));
        linker.Export("abi_minor", abiMinor);
        var result = linker.Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "runtime");

        var linked = Parse(result);
        var exports = ExportNames(linked);
        Assert.Contains("opa_eval", exports);
        Assert.Contains("memory", exports);
        Assert.Contains("opa_wasm_abi_minor_version", exports);
        Assert.DoesNotContain(exports, e => e.StartsWith("tg", StringComparison.Ordinal));
        Assert.Contains("abi_minor", exports);
        Assert.True(result.Bytes.Length < RepositoryFiles.RuntimeLibrary().Length, "dead code removal did not shrink the module");

        using var instance = new WasmtimeInstance(result.Bytes);
        var memory = instance.Memory!;
        int heap = instance.CallI32("opa_heap_ptr_get");
        Assert.True(heap >= result.HeapBase);
        var input = Encoding.UTF8.GetBytes("{}");
        memory.WriteString(heap, "{}", Encoding.UTF8);
        int answer = instance.CallI32("opa_eval", 0, 0, 0, heap, input.Length, heap + input.Length, 0);
        Assert.Equal("[{\"result\":true}]", instance.ReadCString(answer));
        int undefinedAnswer = instance.CallI32("opa_eval", 0, 1, 0, heap, input.Length, heap + input.Length, 0);
        Assert.Equal("[]", instance.ReadCString(undefinedAnswer));
        Assert.Equal("{\"test/allow\":0}", instance.ReadCString(instance.CallI32("opa_json_dump", instance.CallI32("entrypoints"))));
        Assert.Equal(instance.Instance.GetGlobal("opa_wasm_abi_minor_version")!.GetValue(), instance.CallI32("abi_minor"));
    }

    [Fact]
    public void A_large_generated_program_links_validates_and_runs()
    {
        var linker = new ModuleLinker(RepositoryFiles.RuntimeLibrary());
        var tgString = linker.FindExport("tg_string")!;
        var tgEqual = linker.FindExport("tg_value_equal")!;
        var tgNumber = linker.FindExport("tg_number_int")!;
        const int count = 400;
        var rules = new FunctionRef[count];
        for (int i = 0; i < count; i++)
        {
            rules[i] = linker.Declare("rule_" + i, EvalType);
        }
        // rule_i(ep, input, data): if input == "s{i}" then number(i) else rule_{i+1}(...); the last returns undefined.
        for (int i = 0; i < count; i++)
        {
            string literal = "s" + i;
            int address = linker.AddCString(literal);
            var body = new CodeBuilder(EvalType);
            body.I32Const(address).I32Const(literal.Length).Call(tgString).LocalGet(1).Call(tgEqual)
                .If(ValType.I32).I64Const(i).Call(tgNumber).Else();
            if (i + 1 < count)
            {
                body.LocalGet(0).LocalGet(1).LocalGet(2).Call(rules[i + 1]);
            }
            else
            {
                body.I32Const(0);
            }
            body.End();
            linker.Define(rules[i], body);
        }
        linker.ReplaceBody("tg_gen_eval", new CodeBuilder(EvalType).LocalGet(0).LocalGet(1).LocalGet(2).Call(rules[0]));
        var result = linker.Link(new LinkOptions());
        NativeTools.AssertValid(result.Bytes, "large");

        using var instance = new WasmtimeInstance(result.Bytes);
        var memory = instance.Memory!;
        int heap = instance.CallI32("opa_heap_ptr_get");
        foreach (var (input, expected) in new[] { ("\"s0\"", "[{\"result\":0}]"), ("\"s399\"", "[{\"result\":399}]"), ("\"s400\"", "[]") })
        {
            memory.WriteString(heap, input, Encoding.UTF8);
            int answer = instance.CallI32("opa_eval", 0, 0, 0, heap, input.Length, heap + input.Length, 0);
            Assert.Equal(expected, instance.ReadCString(answer));
        }
    }
}
