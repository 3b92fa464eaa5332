using System.Text;
using System.Text.Json;
using Tollgate.Compiler.Ir;
using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// IR → wasm: declares a function per IR function, fills the runtime's generated-code stubs
/// (tg_gen_eval, tg_gen_entrypoints_json, tg_gen_builtins_json, tg_gen_embedded_data(_len)) and links.
/// Complete documents are memoized per evaluation in static memory cells keyed by an evaluation
/// counter that tg_gen_eval bumps, so no cached value outlives the heap reset between evaluations.
/// </summary>
public sealed class WasmCodeGenerator
{
    private readonly ModuleLinker _linker;
    private readonly IrProgram _program;
    private readonly Dictionary<string, FunctionRef> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _hostIds = new(StringComparer.Ordinal);
    private readonly FunctionRef?[] _hostImports = new FunctionRef?[5];
    private int _epochAddress;

    public WasmCodeGenerator(ModuleLinker linker, IrProgram program)
    {
        _linker = linker;
        _program = program;
        Runtime = new RuntimeFunctions(linker);
        Strings = new StaticStrings(linker);
        for (var i = 0; i < program.HostBuiltins.Count; i++) _hostIds[program.HostBuiltins[i]] = i;
    }

    internal RuntimeFunctions Runtime { get; }
    internal StaticStrings Strings { get; }
    internal FunctionRef Abort { get; private set; } = null!;
    internal FunctionRef Println { get; private set; } = null!;
    internal FunctionRef AbortBuiltinError { get; private set; } = null!;

    private static readonly FuncType VoidOfI32 = new([ValType.I32], []);

    /// <summary>Generates every function and stub body and links the module.</summary>
    public LinkResult Generate(byte[]? embeddedData, LinkOptions? linkOptions = null)
    {
        // IR rewrites that need no planner context: `x in set_rule` without building the set.
        SetMembershipRewrite.Apply(_program);
        Abort = _linker.Import("env", "opa_abort", VoidOfI32);
        Println = _linker.Import("env", "opa_println", VoidOfI32);
        _epochAddress = _linker.AddData(new byte[4], 4);
        AbortBuiltinError = _linker.Declare("tg_gen_abort_builtin_error", new FuncType([ValType.I32], []));
        _linker.Define(AbortBuiltinError, BuiltinErrorAbort.Build(Runtime, Abort));
        foreach (var f in _program.Functions)
        {
            _functions[f.Name] = _linker.Declare(f.Name, TypeOf(f));
        }
        foreach (var f in _program.Functions)
        {
            if (f.Memoize) DefineMemoized(f);
            else _linker.Define(_functions[f.Name], new FunctionEmitter(this, f, TypeOf(f)).Emit());
        }
        ReplaceEval();
        InputPathTable.Generate(_linker, Runtime, Strings, _program);
        ReplaceConstant("tg_gen_entrypoints_json", Strings.CString(EntrypointsJson()));
        ReplaceConstant("tg_gen_builtins_json", Strings.CString(BuiltinsJson()));
        if (embeddedData is { Length: > 0 })
        {
            ReplaceConstant("tg_gen_embedded_data", _linker.AddData(embeddedData, 8));
            ReplaceConstant("tg_gen_embedded_data_len", embeddedData.Length);
        }
        else
        {
            ReplaceConstant("tg_gen_embedded_data", 0);
            ReplaceConstant("tg_gen_embedded_data_len", 0);
        }
        return _linker.Link(linkOptions ?? new LinkOptions());
    }

    private static FuncType TypeOf(IrFunction f)
    {
        var ps = new ValType[f.ParamCount];
        Array.Fill(ps, ValType.I32);
        return new FuncType(ps, [ValType.I32]);
    }

    internal FunctionRef FunctionOf(string name) =>
        _functions.TryGetValue(name, out var f) ? f : throw new InvalidOperationException("no IR function " + name);

    internal int HostBuiltinId(string name) => _hostIds[name];

    internal FunctionRef HostBuiltinImport(int arity)
    {
        if (arity > 4) throw new InvalidOperationException("host builtins take at most 4 arguments (opa_builtin0..4)");
        if (_hostImports[arity] is { } f) return f;
        var ps = new ValType[arity + 2];
        Array.Fill(ps, ValType.I32);
        f = _linker.Import("env", "opa_builtin" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture), new FuncType(ps, [ValType.I32]));
        _hostImports[arity] = f;
        return f;
    }

    // The memo cell: [epoch, input, data, value]. A hit needs the current epoch and the same input and
    // data values (a `with` passes different ones, so it never reads a cached document).
    private void DefineMemoized(IrFunction f)
    {
        var type = TypeOf(f);
        var inner = _linker.Declare(f.Name + "$eval", type);
        _linker.Define(inner, new FunctionEmitter(this, f, type).Emit());
        var cell = _linker.AddData(new byte[16], 4);
        var code = new CodeBuilder(type);
        var result = code.AddLocal(ValType.I32);
        code.I32Const(cell).I32Load().I32Const(_epochAddress).I32Load().I32Eq();
        code.I32Const(cell).I32Load(4).LocalGet(0).I32Eq().I32And();
        code.I32Const(cell).I32Load(8).LocalGet(1).I32Eq().I32And();
        code.If().I32Const(cell).I32Load(12).Return().End();
        code.LocalGet(0).LocalGet(1).Call(inner).LocalSet(result);
        code.I32Const(cell).I32Const(_epochAddress).I32Load().I32Store();
        code.I32Const(cell).LocalGet(0).I32Store(4);
        code.I32Const(cell).LocalGet(1).I32Store(8);
        code.I32Const(cell).LocalGet(result).I32Store(12);
        code.LocalGet(result);
        _linker.Define(_functions[f.Name], code);
    }

    /// <summary>tg_gen_eval(ep, input, data): bump the memo epoch, dispatch on the entrypoint id.</summary>
    private void ReplaceEval()
    {
        var stub = Runtime["tg_gen_eval"];
        var code = new CodeBuilder(stub.Type);
        code.I32Const(_epochAddress).I32Const(_epochAddress).I32Load().I32Const(1).I32Add().I32Store();
        if (Runtime.Has("tg_builtin_error_clear")) code.Call(Runtime["tg_builtin_error_clear"]);
        for (var i = 0; i < _program.Entrypoints.Count; i++)
        {
            code.LocalGet(0).I32Const(i).I32Eq().If();
            code.LocalGet(1).LocalGet(2).Call(FunctionOf(_program.Entrypoints[i].Function)).Return();
            code.End();
        }
        code.I32Const(0);
        _linker.ReplaceBody("tg_gen_eval", code);
    }

    private void ReplaceConstant(string stubName, int value)
    {
        var stub = Runtime[stubName];
        var code = new CodeBuilder(stub.Type);
        code.I32Const(value);
        _linker.ReplaceBody(stubName, code);
    }

    private string EntrypointsJson()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < _program.Entrypoints.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(JsonSerializer.Serialize(_program.Entrypoints[i].Name)).Append(':').Append(i);
        }
        return sb.Append('}').ToString();
    }

    private string BuiltinsJson()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < _program.HostBuiltins.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(JsonSerializer.Serialize(_program.HostBuiltins[i])).Append(':').Append(i);
        }
        return sb.Append('}').ToString();
    }
}
