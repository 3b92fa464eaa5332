namespace Tollgate.Compiler.Ir;

/// <summary>Which locals of a function any statement reads (as opposed to only writes).</summary>
public static class IrLocalReads
{
    /// <summary>read[l] is true when some statement reads local l; parameters always count as read.</summary>
    public static bool[] Of(IrFunction f)
    {
        var read = new bool[Math.Max(f.LocalCount, f.ParamCount)];
        for (var i = 0; i < f.ParamCount; i++) read[i] = true;
        Collect(f.Body, read);
        return read;
    }

    private static void Collect(IrBlock block, bool[] read)
    {
        foreach (var s in block.Stmts)
        {
            switch (s)
            {
                case BlockStmt b:
                    foreach (var inner in b.Blocks) Collect(inner, read);
                    break;
                case ScanStmt scan: read[scan.Source] = true; Collect(scan.Body, read); break;
                case NotStmt n: Collect(n.Body, read); break;
                case SwitchStmt sw:
                    read[sw.Value] = true;
                    foreach (var c in sw.Cases) Collect(c.Body, read);
                    break;
                case DotStmt d: read[d.Source] = true; read[d.Key] = true; break;
                case CallStmt c:
                    foreach (var a in c.Args) read[a] = true;
                    break;
                case EqualStmt e: read[e.A] = true; read[e.B] = true; break;
                case NotEqualStmt e: read[e.A] = true; read[e.B] = true; break;
                case IsDefinedStmt d: read[d.Local] = true; break;
                case IsUndefinedStmt d: read[d.Local] = true; break;
                case NotFalseStmt n: read[n.Local] = true; break;
                case IsTypeStmt t: read[t.Local] = true; break;
                case AssignStmt a: read[a.Source] = true; break;
                case AssignOnceStmt a: read[a.Source] = true; read[a.Target] = true; break;
                case ArrayAppendStmt a: read[a.Array] = true; read[a.Value] = true; break;
                case SetAddStmt a: read[a.Set] = true; read[a.Value] = true; break;
                case ObjectInsertStmt o: read[o.Object] = true; read[o.Key] = true; read[o.Value] = true; break;
                case ObjectInsertOnceStmt o: read[o.Object] = true; read[o.Key] = true; read[o.Value] = true; break;
                case MergeStmt m: read[m.A] = true; read[m.B] = true; break;
                case UpsertStmt u: read[u.Base] = true; read[u.Path] = true; read[u.Value] = true; break;
                case ReturnStmt r: read[r.Source] = true; break;
                case PrintStmt p: read[p.Args] = true; break;
                case BreakStmt or ResetLocalStmt or MakeScalarStmt or MakeCollectionStmt or AbortStmt or CheckBuiltinErrorStmt:
                    break;
                default:
                    // A statement kind added later: treat every local as read rather than guess.
                    Array.Fill(read, true);
                    return;
            }
        }
    }
}
