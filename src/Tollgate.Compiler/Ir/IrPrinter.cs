using System.Text;

namespace Tollgate.Compiler.Ir;

/// <summary>Prints IR as indented text, for golden tests and debugging.</summary>
public static class IrPrinter
{
    public static string Print(IrProgram program)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < program.Entrypoints.Count; i++)
        {
            sb.Append("entrypoint ").Append(i).Append(' ').Append(program.Entrypoints[i].Name)
              .Append(" -> ").Append(program.Entrypoints[i].Function).Append('\n');
        }
        for (var i = 0; i < program.HostBuiltins.Count; i++)
        {
            sb.Append("host builtin ").Append(i).Append(' ').Append(program.HostBuiltins[i]).Append('\n');
        }
        foreach (var f in program.Functions) Print(f, sb);
        return sb.ToString();
    }

    public static string Print(IrFunction function)
    {
        var sb = new StringBuilder();
        Print(function, sb);
        return sb.ToString();
    }

    private static void Print(IrFunction f, StringBuilder sb)
    {
        sb.Append("func ").Append(f.Name).Append('(');
        for (var i = 0; i < f.ParamCount; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(L(i));
        }
        sb.Append(')');
        if (f.Memoize) sb.Append(" memo");
        sb.Append('\n');
        PrintBlock(f.Body, sb, 1);
    }

    private static string L(int local) => "l" + local.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Ls(int[] locals)
    {
        var parts = new string[locals.Length];
        for (var i = 0; i < locals.Length; i++) parts[i] = L(locals[i]);
        return string.Join(", ", parts);
    }

    private static void PrintBlock(IrBlock block, StringBuilder sb, int depth)
    {
        foreach (var stmt in block.Stmts) PrintStmt(stmt, sb, depth);
    }

    private static void PrintStmt(IrStmt stmt, StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2);
        switch (stmt)
        {
            case BlockStmt b:
                sb.Append("blocks\n");
                foreach (var block in b.Blocks)
                {
                    sb.Append(' ', depth * 2 + 2).Append("block\n");
                    PrintBlock(block, sb, depth + 2);
                }
                return;
            case ScanStmt s:
                sb.Append("scan ").Append(L(s.Source)).Append(" key ").Append(L(s.Key)).Append(" value ").Append(L(s.Value)).Append('\n');
                PrintBlock(s.Body, sb, depth + 1);
                return;
            case NotStmt n:
                sb.Append("not\n");
                PrintBlock(n.Body, sb, depth + 1);
                return;
            case SwitchStmt sw:
                sb.Append("switch ").Append(L(sw.Value)).Append('\n');
                foreach (var c in sw.Cases)
                {
                    sb.Append(' ', depth * 2 + 2).Append("case ").Append(c.Constant).Append('\n');
                    PrintBlock(c.Body, sb, depth + 2);
                }
                return;
            case BreakStmt br: sb.Append("break ").Append(br.Index); break;
            case DotStmt d: sb.Append(L(d.Target)).Append(" = dot ").Append(L(d.Source)).Append(' ').Append(L(d.Key)); break;
            case CallStmt c: sb.Append(L(c.Target)).Append(" = call ").Append(c.Kind.ToString().ToLowerInvariant()).Append(' ').Append(c.Func).Append('(').Append(Ls(c.Args)).Append(')'); break;
            case EqualStmt e: sb.Append("equal ").Append(L(e.A)).Append(' ').Append(L(e.B)); break;
            case NotEqualStmt e: sb.Append("not_equal ").Append(L(e.A)).Append(' ').Append(L(e.B)); break;
            case IsDefinedStmt d: sb.Append("is_defined ").Append(L(d.Local)); break;
            case IsUndefinedStmt d: sb.Append("is_undefined ").Append(L(d.Local)); break;
            case NotFalseStmt d: sb.Append("not_false ").Append(L(d.Local)); break;
            case IsTypeStmt t: sb.Append("is_type ").Append(L(t.Local)).Append(' ').Append(t.TypeCode).Append(' ').Append(t.Length); break;
            case AssignStmt a: sb.Append(L(a.Target)).Append(" = ").Append(L(a.Source)); break;
            case AssignOnceStmt a: sb.Append(L(a.Target)).Append(" = once ").Append(L(a.Source)); break;
            case ResetLocalStmt r: sb.Append(L(r.Target)).Append(" = undefined"); break;
            case MakeScalarStmt m: sb.Append(L(m.Target)).Append(" = ").Append(m.Value); break;
            case MakeCollectionStmt m: sb.Append(L(m.Target)).Append(" = make ").Append(m.Kind.ToString().ToLowerInvariant()); break;
            case ArrayAppendStmt a: sb.Append("append ").Append(L(a.Array)).Append(' ').Append(L(a.Value)); break;
            case SetAddStmt a: sb.Append("set_add ").Append(L(a.Set)).Append(' ').Append(L(a.Value)); break;
            case ObjectInsertStmt o: sb.Append("insert ").Append(L(o.Object)).Append(' ').Append(L(o.Key)).Append(' ').Append(L(o.Value)); break;
            case ObjectInsertOnceStmt o: sb.Append("insert_once ").Append(L(o.Object)).Append(' ').Append(L(o.Key)).Append(' ').Append(L(o.Value)); break;
            case MergeStmt m: sb.Append(L(m.Target)).Append(" = merge ").Append(L(m.A)).Append(' ').Append(L(m.B)); break;
            case UpsertStmt u: sb.Append(L(u.Target)).Append(" = upsert ").Append(L(u.Base)).Append(' ').Append(L(u.Path)).Append(' ').Append(L(u.Value)); break;
            case ReturnStmt r: sb.Append("return ").Append(L(r.Source)); break;
            case AbortStmt a: sb.Append("abort ").Append(System.Text.Json.JsonSerializer.Serialize(a.Message)); break;
            case PrintStmt p: sb.Append("print ").Append(L(p.Args)); break;
            case CheckBuiltinErrorStmt: sb.Append("check_builtin_error"); break;
            default: sb.Append(stmt.GetType().Name); break;
        }
        sb.Append('\n');
    }
}
