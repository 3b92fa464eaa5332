namespace Tollgate.Compiler.Ir;

/// <summary>
/// Which parts of the input an entrypoint can observe. When every read of input in the functions an entrypoint
/// reaches is a chain of constant string keys (input.user.role), only the object members along those chains are
/// observable, and opa_eval may build just those (tollgate_codegen.h, "input paths"). A chain whose value is
/// used as a value (compared, returned, iterated, indexed with a variable…) is observed whole. Anything the
/// analysis does not recognise — input itself used as a value, input replaced by <c>with</c>, a statement kind
/// it does not know — means the whole input (no paths).
/// </summary>
public static class InputPathAnalysis
{
    /// <summary>The input paths of each entrypoint (same order as <see cref="IrProgram.Entrypoints"/>); null = the whole input.</summary>
    public static InputPathNode?[] Analyse(IrProgram program)
    {
        var perFunction = new Dictionary<string, FunctionPaths?>(StringComparer.Ordinal);
        foreach (var f in program.Functions) perFunction[f.Name] = FunctionPaths.Of(f);
        var result = new InputPathNode?[program.Entrypoints.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ForEntrypoint(program.Entrypoints[i].Function, perFunction);
        }
        return result;
    }

    private static InputPathNode? ForEntrypoint(string entry, Dictionary<string, FunctionPaths?> perFunction)
    {
        var root = new InputPathNode();
        var seen = new HashSet<string>(StringComparer.Ordinal) { entry };
        var pending = new Stack<string>();
        pending.Push(entry);
        while (pending.Count > 0)
        {
            if (!perFunction.TryGetValue(pending.Pop(), out var paths) || paths is null) return null;
            foreach (var (path, whole) in paths.Used) root.Add(path, whole);
            foreach (var callee in paths.Callees)
            {
                if (seen.Add(callee)) pending.Push(callee);
            }
        }
        return root.Whole ? null : root;
    }

    /// <summary>The input paths one function reads (relative to its input parameter, local 0) and the plan functions it calls.</summary>
    private sealed class FunctionPaths
    {
        public List<(string[] Path, bool Whole)> Used { get; } = [];
        public HashSet<string> Callees { get; } = new(StringComparer.Ordinal);

        /// <summary>Null when the function uses input in a way the analysis does not follow.</summary>
        public static FunctionPaths? Of(IrFunction f)
        {
            var defs = new List<IrStmt>?[f.LocalCount];
            if (!CollectDefinitions(f.Body, defs)) return null;
            if (defs.Length == 0 || defs[0] is not null) return null; // input is never reassigned

            // Locals holding one constant string (keys).
            var keys = new string?[f.LocalCount];
            for (var l = 0; l < keys.Length; l++)
            {
                if (defs[l] is not { } ds) continue;
                string? key = null;
                foreach (var d in ds)
                {
                    if (d is not MakeScalarStmt { Value.Kind: ScalarKind.String } m || (key is not null && key != m.Value.Text))
                    {
                        key = null;
                        break;
                    }
                    key = m.Value.Text;
                }
                keys[l] = key;
            }

            // Locals holding input at one constant path: every definition a constant-key dot from such a local.
            var paths = new string[]?[f.LocalCount];
            paths[0] = [];
            for (var changed = true; changed;)
            {
                changed = false;
                for (var l = 1; l < paths.Length; l++)
                {
                    if (paths[l] is not null || defs[l] is not { } ds) continue;
                    string[]? path = null;
                    foreach (var d in ds)
                    {
                        string[]? p = d is DotStmt dot && paths[dot.Source] is { } from && keys[dot.Key] is { } k ? [.. from, k] : null;
                        if (p is null || (path is not null && !path.AsSpan().SequenceEqual(p)))
                        {
                            path = null;
                            break;
                        }
                        path = p;
                    }
                    if (path is not null)
                    {
                        paths[l] = path;
                        changed = true;
                    }
                }
            }

            var result = new FunctionPaths();
            foreach (var p in paths)
            {
                if (p is { Length: > 0 }) result.Used.Add((p, false));
            }
            return result.CollectUses(f.Body, paths, keys) ? result : null;
        }

        // Every local a statement writes, with the statements writing it; false for statement kinds not known here.
        private static bool CollectDefinitions(IrBlock block, List<IrStmt>?[] defs)
        {
            foreach (var s in block.Stmts)
            {
                switch (s)
                {
                    case DotStmt d: Define(defs, d.Target, s); break;
                    case CallStmt c: Define(defs, c.Target, s); break;
                    case AssignStmt a: Define(defs, a.Target, s); break;
                    case AssignOnceStmt a: Define(defs, a.Target, s); break;
                    case ResetLocalStmt r: Define(defs, r.Target, s); break;
                    case MakeScalarStmt m: Define(defs, m.Target, s); break;
                    case MakeCollectionStmt m: Define(defs, m.Target, s); break;
                    case MergeStmt m: Define(defs, m.Target, s); break;
                    case UpsertStmt u: Define(defs, u.Target, s); break;
                    case ScanStmt scan:
                        Define(defs, scan.Key, s);
                        Define(defs, scan.Value, s);
                        if (!CollectDefinitions(scan.Body, defs)) return false;
                        break;
                    case BlockStmt b:
                        foreach (var inner in b.Blocks)
                        {
                            if (!CollectDefinitions(inner, defs)) return false;
                        }
                        break;
                    case NotStmt n:
                        if (!CollectDefinitions(n.Body, defs)) return false;
                        break;
                    case SwitchStmt sw:
                        foreach (var c in sw.Cases)
                        {
                            if (!CollectDefinitions(c.Body, defs)) return false;
                        }
                        break;
                    case BreakStmt or EqualStmt or NotEqualStmt or IsDefinedStmt or IsUndefinedStmt or NotFalseStmt
                        or IsTypeStmt or ArrayAppendStmt or SetAddStmt or ObjectInsertStmt or ObjectInsertOnceStmt
                        or ReturnStmt or AbortStmt or PrintStmt or CheckBuiltinErrorStmt:
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }

        private static void Define(List<IrStmt>?[] defs, int local, IrStmt s) => (defs[local] ??= []).Add(s);

        // Reads of input-path locals: a constant-key dot extends the path, a defined-test and passing input on
        // to a plan function observe nothing of the value, anything else observes the value whole.
        private bool CollectUses(IrBlock block, string[]?[] paths, string?[] keys)
        {
            foreach (var s in block.Stmts)
            {
                switch (s)
                {
                    case DotStmt d:
                        if (paths[d.Source] is { } from)
                        {
                            if (keys[d.Key] is { } k)
                            {
                                string[] to = [.. from, k];
                                if (paths[d.Target] is not { } target || !target.AsSpan().SequenceEqual(to)) Whole(to);
                            }
                            else
                            {
                                Whole(from);
                            }
                        }
                        Read(paths, d.Key);
                        break;
                    case CallStmt c:
                        for (var i = 0; i < c.Args.Length; i++)
                        {
                            if (c.Kind == CallKind.Plan && i == 0)
                            {
                                // The callee's input must be this function's input: anything else (with input as …) stops the analysis.
                                if (paths[c.Args[0]] is not { Length: 0 }) return false;
                                continue;
                            }
                            Read(paths, c.Args[i]);
                        }
                        if (c.Kind == CallKind.Plan) Callees.Add(c.Func);
                        break;
                    case IsDefinedStmt or IsUndefinedStmt or BreakStmt or ResetLocalStmt or MakeScalarStmt
                        or MakeCollectionStmt or AbortStmt or CheckBuiltinErrorStmt:
                        break;
                    case ScanStmt scan:
                        Read(paths, scan.Source);
                        if (!CollectUses(scan.Body, paths, keys)) return false;
                        break;
                    case BlockStmt b:
                        foreach (var inner in b.Blocks)
                        {
                            if (!CollectUses(inner, paths, keys)) return false;
                        }
                        break;
                    case NotStmt n:
                        if (!CollectUses(n.Body, paths, keys)) return false;
                        break;
                    case SwitchStmt sw:
                        Read(paths, sw.Value);
                        foreach (var c in sw.Cases)
                        {
                            if (!CollectUses(c.Body, paths, keys)) return false;
                        }
                        break;
                    case EqualStmt e: Read(paths, e.A); Read(paths, e.B); break;
                    case NotEqualStmt e: Read(paths, e.A); Read(paths, e.B); break;
                    case NotFalseStmt n: Read(paths, n.Local); break;
                    case IsTypeStmt t: Read(paths, t.Local); break;
                    case AssignStmt a: Read(paths, a.Source); break;
                    case AssignOnceStmt a: Read(paths, a.Source); Read(paths, a.Target); break;
                    case ArrayAppendStmt a: Read(paths, a.Array); Read(paths, a.Value); break;
                    case SetAddStmt a: Read(paths, a.Set); Read(paths, a.Value); break;
                    case ObjectInsertStmt o: Read(paths, o.Object); Read(paths, o.Key); Read(paths, o.Value); break;
                    case ObjectInsertOnceStmt o: Read(paths, o.Object); Read(paths, o.Key); Read(paths, o.Value); break;
                    case MergeStmt m: Read(paths, m.A); Read(paths, m.B); break;
                    case UpsertStmt u: Read(paths, u.Base); Read(paths, u.Path); Read(paths, u.Value); break;
                    case ReturnStmt r: Read(paths, r.Source); break;
                    case PrintStmt p: Read(paths, p.Args); break;
                    default:
                        return false;
                }
            }
            return true;
        }

        // A value read of a local: if it holds input at a path, that path is observed whole.
        private void Read(string[]?[] paths, int local)
        {
            if (paths[local] is { } p) Whole(p);
        }

        private void Whole(string[] path) => Used.Add((path, true));
    }
}

/// <summary>A node of an entrypoint's input paths: the object members its readers can observe.</summary>
public sealed class InputPathNode
{
    /// <summary>Members by key; a member's node is <see cref="Whole"/> when its value is observed whole.</summary>
    public Dictionary<string, InputPathNode> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>The value is observed whole (built in full); members are then irrelevant.</summary>
    public bool Whole { get; private set; }

    internal void Add(string[] path, bool whole)
    {
        var node = this;
        foreach (var key in path)
        {
            if (node.Whole) return;
            if (!node.Members.TryGetValue(key, out var next))
            {
                next = new InputPathNode();
                node.Members[key] = next;
            }
            node = next;
        }
        if (whole) node.Whole = true;
    }
}
