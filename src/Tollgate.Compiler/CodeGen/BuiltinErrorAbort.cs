using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// A generated helper for strict builtin errors: aborts with "&lt;code&gt;: &lt;message&gt;" (for example
/// "eval_builtin_error: div: divide by zero"), built from the runtime's pending error so the host can
/// map the code.
/// </summary>
internal static class BuiltinErrorAbort
{
    public static CodeBuilder Build(RuntimeFunctions rt, FunctionRef abort)
    {
        var code = new CodeBuilder(new FuncType([], []));
        var text = code.AddLocal(ValType.I32);
        var message = code.AddLocal(ValType.I32);
        var textLength = code.AddLocal(ValType.I32);
        var messageLength = code.AddLocal(ValType.I32);
        var buffer = code.AddLocal(ValType.I32);
        var i = code.AddLocal(ValType.I32);
        code.Call(rt["tg_builtin_error_code"]).LocalSet(text);
        code.Call(rt["tg_builtin_error_message"]).LocalSet(message);
        StrLen(code, text, textLength, i);
        StrLen(code, message, messageLength, i);
        code.LocalGet(textLength).LocalGet(messageLength).I32Add().I32Const(3).I32Add().Call(rt["opa_malloc"]).LocalSet(buffer);
        Copy(code, text, buffer, null, textLength, i);
        code.LocalGet(buffer).LocalGet(textLength).I32Add().I32Const(':').I32Store8();
        code.LocalGet(buffer).LocalGet(textLength).I32Add().I32Const(' ').I32Store8(1);
        Copy(code, message, buffer, textLength, messageLength, i);
        code.LocalGet(buffer).LocalGet(textLength).I32Add().LocalGet(messageLength).I32Add().I32Const(0).I32Store8(2);
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

    /// <summary>Copies length bytes from src to dst, after the code and ": " when dstOffsetLocal (the code's length) is given.</summary>
    private static void Copy(CodeBuilder code, int src, int dst, int? dstOffsetLocal, int length, int i)
    {
        code.I32Const(0).LocalSet(i);
        code.Block().Loop();
        code.LocalGet(i).LocalGet(length).I32GeS().BrIf(1);
        code.LocalGet(dst).LocalGet(i).I32Add();
        if (dstOffsetLocal is { } offset) code.LocalGet(offset).I32Add().I32Const(2).I32Add();
        code.LocalGet(src).LocalGet(i).I32Add().I32Load8U();
        code.I32Store8();
        code.LocalGet(i).I32Const(1).I32Add().LocalSet(i).Br(0);
        code.End().End();
    }
}
