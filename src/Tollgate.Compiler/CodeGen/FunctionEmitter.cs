using System.Globalization;
using Tollgate.Compiler.Ir;
using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>
/// Translates one IR function into a wasm body. Every IR block becomes a wasm <c>block</c>; a failing
/// statement branches to the end of the innermost one (the depths of the open IR blocks are kept on
/// a stack and turned into relative br depths with <see cref="CodeBuilder.CurrentDepth"/>).
/// </summary>
internal sealed class FunctionEmitter
{
    private readonly WasmCodeGenerator _gen;
    private readonly IrFunction _function;
    private readonly CodeBuilder _code;
    private readonly List<int> _blockDepths = [];
    private readonly bool[] _reads;

    public FunctionEmitter(WasmCodeGenerator gen, IrFunction function, FuncType type)
    {
        _gen = gen;
        _function = function;
        _code = new CodeBuilder(type);
        _reads = IrLocalReads.Of(function);
        for (var i = function.ParamCount; i < function.LocalCount; i++) _code.AddLocal(ValType.I32);
    }

    public CodeBuilder Emit()
    {
        EmitBlock(_function.Body);
        // The linker closes the body with the function's own end.
        _code.I32Const(0);
        return _code;
    }

    private RuntimeFunctions Rt => _gen.Runtime;

    private void EmitBlock(IrBlock block)
    {
        _code.Block();
        _blockDepths.Add(_code.CurrentDepth);
        foreach (var stmt in block.Stmts) EmitStmt(stmt);
        _blockDepths.RemoveAt(_blockDepths.Count - 1);
        _code.End();
    }

    /// <summary>Branch out of the (index)-th enclosing IR block, 0 = the innermost.</summary>
    private int BreakDepth(int index) => _code.CurrentDepth - _blockDepths[_blockDepths.Count - 1 - index];

    private void FailIf() => _code.BrIf(BreakDepth(0));

    private void EmitStmt(IrStmt stmt)
    {
        switch (stmt)
        {
            case BlockStmt b:
                foreach (var block in b.Blocks) EmitBlock(block);
                break;
            case BreakStmt br:
                _code.Br(BreakDepth(br.Index));
                break;
            case ScanStmt s:
                EmitScan(s);
                break;
            case DotStmt d:
                _code.LocalGet(d.Source).LocalGet(d.Key).Call(Rt["tg_value_get"]).LocalTee(d.Target).I32Eqz();
                FailIf();
                break;
            case CallStmt c:
                EmitCall(c);
                break;
            case EqualStmt e:
                _code.LocalGet(e.A).LocalGet(e.B).Call(Rt["tg_value_equal"]).I32Eqz();
                FailIf();
                break;
            case NotEqualStmt e:
                _code.LocalGet(e.A).LocalGet(e.B).Call(Rt["tg_value_equal"]);
                FailIf();
                break;
            case IsDefinedStmt d:
                _code.LocalGet(d.Local).I32Eqz();
                FailIf();
                break;
            case IsUndefinedStmt d:
                _code.LocalGet(d.Local);
                FailIf();
                break;
            case NotFalseStmt n:
                _code.LocalGet(n.Local).I32Eqz();
                FailIf();
                _code.LocalGet(n.Local).Call(Rt["tg_value_is_false"]);
                FailIf();
                break;
            case IsTypeStmt t:
                if (t.TypeCode == IsTypeStmt.AnyCollection)
                {
                    // TG_ARRAY, TG_OBJECT and TG_SET are 5, 6 and 7.
                    _code.LocalGet(t.Local).Call(Rt["tg_value_type"]).I32Const(5).I32LtS();
                }
                else
                {
                    _code.LocalGet(t.Local).Call(Rt["tg_value_type"]).I32Const(t.TypeCode).I32Ne();
                }
                FailIf();
                if (t.Length >= 0)
                {
                    _code.LocalGet(t.Local).Call(Rt["tg_value_length"]).I32Const(t.Length).I32Ne();
                    FailIf();
                }
                break;
            case AssignStmt a:
                _code.LocalGet(a.Source).LocalSet(a.Target);
                break;
            case AssignOnceStmt a:
                _code.LocalGet(a.Target).If();
                _code.LocalGet(a.Target).LocalGet(a.Source).Call(Rt["tg_value_equal"]).I32Eqz().If();
                EmitAbort(a.Message);
                _code.End();
                _code.Else();
                _code.LocalGet(a.Source).LocalSet(a.Target);
                _code.End();
                break;
            case ResetLocalStmt r:
                _code.I32Const(0).LocalSet(r.Target);
                break;
            case MakeScalarStmt m:
                EmitScalar(m.Value);
                _code.LocalSet(m.Target);
                break;
            case MakeCollectionStmt m:
                switch (m.Kind)
                {
                    case CollectionKind.Array: _code.I32Const(0).Call(Rt["tg_array"]); break;
                    case CollectionKind.Object: _code.Call(Rt["tg_object"]); break;
                    default: _code.Call(Rt["tg_set"]); break;
                }
                _code.LocalSet(m.Target);
                break;
            case ArrayAppendStmt a:
                _code.LocalGet(a.Array).LocalGet(a.Value).Call(Rt["tg_array_append"]);
                break;
            case SetAddStmt s:
                _code.LocalGet(s.Set).LocalGet(s.Value).Call(Rt["tg_set_add"]);
                break;
            case ObjectInsertStmt o:
                _code.LocalGet(o.Object).LocalGet(o.Key).LocalGet(o.Value).Call(Rt["tg_object_insert"]);
                break;
            case ObjectInsertOnceStmt o:
                _code.LocalGet(o.Object).LocalGet(o.Key).LocalGet(o.Value).Call(Rt["tg_object_insert_unique"]).If();
                EmitAbort(o.Message);
                _code.End();
                break;
            case MergeStmt m:
                EmitMerge(m);
                break;
            case UpsertStmt u:
                _code.LocalGet(u.Base).If(ValType.I32).LocalGet(u.Base).Else().Call(Rt["tg_object"]).End();
                _code.LocalGet(u.Path).LocalGet(u.Value).Call(Rt["tg_value_upsert_path"]).LocalSet(u.Target);
                break;
            case NotStmt n:
                // The body falls through to a branch out of the enclosing block: the not fails.
                _code.Block();
                _blockDepths.Add(_code.CurrentDepth);
                foreach (var s in n.Body.Stmts) EmitStmt(s);
                _blockDepths.RemoveAt(_blockDepths.Count - 1);
                _code.Br(BreakDepth(0));
                _code.End();
                break;
            case ReturnStmt r:
                _code.LocalGet(r.Source).Return();
                break;
            case AbortStmt a:
                EmitAbort(a.Message);
                break;
            case PrintStmt p:
                EmitPrint(p);
                break;
            case SwitchStmt sw:
                EmitSearch(sw, 0, sw.Cases.Count - 1, NewLocal());
                break;
            case CheckBuiltinErrorStmt:
                _code.Call(Rt["tg_builtin_error_pending"]).If();
                _code.I32Const(_gen.Strings.CString("")).Call(_gen.AbortBuiltinError);
                _code.End();
                break;
            default:
                throw new InvalidOperationException("unknown IR statement " + stmt.GetType().Name);
        }
    }

    private int NewLocal() => _code.AddLocal(ValType.I32);

    private void EmitScan(ScanStmt s)
    {
        var length = NewLocal();
        var index = NewLocal();
        _code.LocalGet(s.Source).Call(Rt["tg_value_length"]).LocalSet(length);
        _code.I32Const(0).LocalSet(index);
        _code.Block();
        _code.Loop();
        _code.LocalGet(index).LocalGet(length).I32GeS().BrIf(1);
        // A key nobody reads (`some x in xs`) is not fetched: for arrays that would build an index number.
        if (_reads[s.Key]) _code.LocalGet(s.Source).LocalGet(index).Call(Rt["tg_iter_key"]).LocalSet(s.Key);
        _code.LocalGet(s.Source).LocalGet(index).Call(Rt["tg_iter_value"]).LocalSet(s.Value);
        EmitBlock(s.Body);
        _code.LocalGet(index).I32Const(1).I32Add().LocalSet(index);
        _code.Br(0);
        _code.End();
        _code.End();
    }

    private void EmitCall(CallStmt c)
    {
        switch (c.Kind)
        {
            case CallKind.Plan:
                foreach (var a in c.Args) _code.LocalGet(a);
                _code.Call(_gen.FunctionOf(c.Func));
                break;
            case CallKind.Builtin:
                foreach (var a in c.Args) _code.LocalGet(a);
                _code.Call(Rt["tg.builtin." + c.Func]);
                break;
            default:
                _code.I32Const(_gen.HostBuiltinId(c.Func)).I32Const(0);
                foreach (var a in c.Args) _code.LocalGet(a);
                _code.Call(_gen.HostBuiltinImport(c.Args.Length));
                break;
        }
        _code.LocalSet(c.Target);
        if (c.CheckError)
        {
            // Strict builtin errors: raised before the undefined result fails the expression.
            _code.Call(Rt["tg_builtin_error_pending"]).If();
            _code.I32Const(_gen.Strings.CString(c.ErrorPrefix ?? "")).Call(_gen.AbortBuiltinError);
            _code.End();
        }
        _code.LocalGet(c.Target).I32Eqz();
        FailIf();
    }

    private void EmitScalar(IrScalar value)
    {
        switch (value.Kind)
        {
            // Constant scalars are static values (see StaticStrings): no call and no allocation per evaluation.
            case ScalarKind.Null:
                _code.I32Const(_gen.Strings.NullValue());
                return;
            case ScalarKind.Boolean:
                _code.I32Const(_gen.Strings.BooleanValue(value.Text == "true"));
                return;
            case ScalarKind.Number:
                if (long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    _code.I64Const(n).Call(Rt["tg_number_int"]);
                }
                else
                {
                    var (address, length) = _gen.Strings.Utf8(value.Text);
                    _code.I32Const(address).I32Const(length).Call(Rt["tg_number_ref"]);
                }
                return;
            default:
                {
                    _code.I32Const(_gen.Strings.StringValue(value.Text));
                    return;
                }
        }
    }

    private void EmitMerge(MergeStmt m)
    {
        _code.LocalGet(m.A).I32Eqz().If(ValType.I32);
        _code.LocalGet(m.B);
        _code.Else();
        _code.LocalGet(m.B).I32Eqz().If(ValType.I32);
        _code.LocalGet(m.A);
        _code.Else();
        _code.LocalGet(m.A).LocalGet(m.B).Call(Rt["tg_value_merge"]);
        _code.End();
        _code.End();
        _code.LocalSet(m.Target);
    }

    private void EmitAbort(string message)
    {
        _code.I32Const(_gen.Strings.CString(message)).Call(_gen.Abort).Unreachable();
    }

    // print: each value is dumped and the dumps are printed on one line through opa_println.
    private void EmitPrint(PrintStmt p)
    {
        if (Rt.Has("tg_print_values"))
        {
            _code.LocalGet(p.Args).Call(Rt["tg_print_values"]);
            return;
        }
        _code.LocalGet(p.Args).Call(Rt["opa_value_dump"]).Call(_gen.Println);
    }

    /// <summary>Binary search over the sorted case constants: one tg_value_compare per level.</summary>
    private void EmitSearch(SwitchStmt sw, int lo, int hi, int cmp)
    {
        if (lo > hi) return;
        var mid = (lo + hi) >>> 1;
        _code.LocalGet(sw.Value);
        EmitScalar(sw.Cases[mid].Constant);
        _code.Call(Rt["tg_value_compare"]).LocalTee(cmp).I32Eqz().If();
        EmitBlock(sw.Cases[mid].Body);
        _code.Else();
        if (lo < mid || mid < hi)
        {
            _code.LocalGet(cmp).I32Const(0).I32LtS().If();
            EmitSearch(sw, lo, mid - 1, cmp);
            _code.Else();
            EmitSearch(sw, mid + 1, hi, cmp);
            _code.End();
        }
        _code.End();
    }

    public override string ToString() => _function.Name + " (" + _function.LocalCount.ToString(CultureInfo.InvariantCulture) + " locals)";
}
