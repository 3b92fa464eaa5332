using System.Buffers.Binary;
using System.Text;
using Tollgate.Compiler.Ir;
using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// Writes each entrypoint's input paths (<see cref="InputPathAnalysis"/>) as static data in the layout of
/// tollgate_codegen.h ("input paths") and generates tg_gen_input_paths(ep), which returns an entrypoint's root
/// node, or 0 for the whole input.
/// </summary>
internal static class InputPathTable
{
    public const string Stub = "tg_gen_input_paths";

    public static void Generate(ModuleLinker linker, RuntimeFunctions runtime, StaticStrings strings, IrProgram program)
    {
        // A runtime built before input paths existed has no stub: it always builds the whole input.
        if (!runtime.Has(Stub)) return;
        var roots = InputPathAnalysis.Analyse(program);
        var code = new CodeBuilder(runtime[Stub].Type);
        for (var ep = 0; ep < roots.Length; ep++)
        {
            if (roots[ep] is not { } root) continue;
            code.LocalGet(0).I32Const(ep).I32Eq().If();
            code.I32Const(Write(linker, strings, root)).Return();
            code.End();
        }
        code.I32Const(0);
        linker.ReplaceBody(Stub, code);
    }

    // Children first (a node holds its members' addresses): i32 count, then (key value, child node or 0) per
    // member, in the byte order of the keys' UTF-8 (the runtime then builds each object already sorted).
    private static int Write(ModuleLinker linker, StaticStrings strings, InputPathNode node)
    {
        var keys = new List<string>(node.Members.Keys);
        keys.Sort(CompareUtf8);
        var bytes = new byte[4 + 8 * keys.Count];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var member = node.Members[keys[i]];
            var child = member.Whole ? 0 : Write(linker, strings, member);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + 8 * i), strings.StringValue(keys[i]));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8 + 8 * i), child);
        }
        return linker.AddData(bytes, 4);
    }

    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
