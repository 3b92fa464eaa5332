using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// A generated helper for strict builtin errors: aborts with "&lt;prefix&gt;&lt;code&gt;: &lt;message&gt;", e.g.
/// "policy.rego:4: eval_type_error: count: operand 1 must be …" as OPA words it, built from the
/// runtime's pending error (the prefix, the call's location, is the helper's one argument).
/// </summary>
internal static class BuiltinErrorAbort
{
    public static CodeBuilder Build(RuntimeFunctions rt, FunctionRef abort)
    {
        var code = new CodeBuilder(new FuncType([ValType.I32], []));
        const int prefix = 0;
        var text = code.AddLocal(ValType.I32);
        var message = code.AddLocal(ValType.I32);
        var prefixLength = code.AddLocal(ValType.I32);
        var textLength = code.AddLocal(ValType.I32);
        var messageLength = code.AddLocal(ValType.I32);
        var buffer = code.AddLocal(ValType.I32);
        var cursor = code.AddLocal(ValType.I32);
        var i = code.AddLocal(ValType.I32);
        code.Call(rt["tg_builtin_error_code"]).LocalSet(text);
        code.Call(rt["tg_builtin_error_message"]).LocalSet(message);
        StrLen(code, prefix, prefixLength, i);
        StrLen(code, text, textLength, i);
        StrLen(code, message, messageLength, i);
        code.LocalGet(prefixLength).LocalGet(textLength).I32Add().LocalGet(messageLength).I32Add().I32Const(3).I32Add()
            .Call(rt["opa_malloc"]).LocalTee(buffer).LocalSet(cursor);
        Append(code, prefix, prefixLength, cursor, i);
        Append(code, text, textLength, cursor, i);
        code.LocalGet(cursor).I32Const(':').I32Store8();
        code.LocalGet(cursor).I32Const(' ').I32Store8(1);
        code.LocalGet(cursor).I32Const(2).I32Add().LocalSet(cursor);
        Append(code, message, messageLength, cursor, i);
        code.LocalGet(cursor).I32Const(0).I32Store8();
        code.LocalGet(buffer).Call(abort).Unreachable();
        return code;
    }

    private static void StrLen(CodeBuilder code, int s, int length, int i)
    {
        code.I32Const(0).LocalSet(i);
        code.Block().Loop();
        code.LocalGet(s).LocalGet(i).I32Add().I32Load8U().I32Eqz().BrIf(1);
        code.LocalGet(i).I32Const(1).I32Add().LocalSet(i).Br(0);
        code.End().End();
        code.LocalGet(i).LocalSet(length);
    }

    /// <summary>Copies length bytes from src to the cursor and advances it.</summary>
    private static void Append(CodeBuilder code, int src, int length, int cursor, int i)
    {
        code.I32Const(0).LocalSet(i);
        code.Block().Loop();
        code.LocalGet(i).LocalGet(length).I32GeS().BrIf(1);
        code.LocalGet(cursor).LocalGet(i).I32Add();
        code.LocalGet(src).LocalGet(i).I32Add().I32Load8U();
        code.I32Store8();
        code.LocalGet(i).I32Const(1).I32Add().LocalSet(i).Br(0);
        code.End().End();
        code.LocalGet(cursor).LocalGet(length).I32Add().LocalSet(cursor);
    }
}
