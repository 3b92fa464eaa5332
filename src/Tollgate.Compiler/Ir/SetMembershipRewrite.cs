namespace Tollgate.Compiler.Ir;

/// <summary>
/// <c>x in s</c> where <c>s</c> is a partial set rule (<c>s contains v if …</c>) asks whether one of the rule's
/// bodies yields x; building the whole set first (an allocation and a duplicate check per element) is not
/// needed to answer that. The rewrite gives such a set rule a companion function <c>F$member(input, data, x)</c>
/// whose bodies compare each element with x and return true at the first equal one (false after the last), and
/// calls it in place of <c>internal.member_2(x, F())</c>.
/// <para>
/// Only where the answer is provably the same: the set rule's bodies contain no statement that can abort or
/// print (no calls at all, no conflict-checked assignments), so skipping the elements after a match is
/// unobservable; the result set is only read by the membership test; the call passes the function's own
/// input and data (no <c>with</c>). Set membership and <c>==</c> use the same equality (tg_value_equal).
/// </para>
/// </summary>
public static class SetMembershipRewrite
{
    private const string MemberBuiltin = "internal.member_2";

    /// <summary>Rewrites the program in place; returns how many membership tests were rewritten.</summary>
    public static int Apply(IrProgram program)
    {
        var companions = new Dictionary<string, IrFunction?>(StringComparer.Ordinal);
        var rewritten = 0;
        var count = program.Functions.Count;
        for (var i = 0; i < count; i++)
        {
            var f = program.Functions[i];
            var defs = new Dictionary<int, List<IrStmt>>();
            var reads = new Dictionary<int, int>();
            if (!Census(f.Body, defs, reads)) continue;
            var replacements = new Dictionary<IrStmt, IrStmt>(ReferenceEqualityComparer.Instance);
            FindMembershipTests(program, f.Body, defs, reads, companions, replacements);
            if (replacements.Count == 0) continue;
            Replace(f.Body, replacements);
            rewritten += replacements.Count / 2;
        }
        return rewritten;
    }

    // Each rewritable `t = internal.member_2(x, set)` with `set = F(input, data)`: the test becomes a call of
    // F$member and the set is no longer built (its local then only feeds is_defined tests, and a set rule's
    // value is always defined).
    private static void FindMembershipTests(IrProgram program, IrBlock block, Dictionary<int, List<IrStmt>> defs,
        Dictionary<int, int> reads, Dictionary<string, IrFunction?> companions, Dictionary<IrStmt, IrStmt> replacements)
    {
        foreach (var stmt in block.Stmts)
        {
            switch (stmt)
            {
                case BlockStmt b:
                    foreach (var inner in b.Blocks) FindMembershipTests(program, inner, defs, reads, companions, replacements);
                    break;
                case ScanStmt s:
                    FindMembershipTests(program, s.Body, defs, reads, companions, replacements);
                    break;
                case NotStmt n:
                    FindMembershipTests(program, n.Body, defs, reads, companions, replacements);
                    break;
                case SwitchStmt sw:
                    foreach (var c in sw.Cases) FindMembershipTests(program, c.Body, defs, reads, companions, replacements);
                    break;
                case CallStmt { Kind: CallKind.Builtin, Func: MemberBuiltin, Args: [var x, var set] } member
                    when SetRuleCall(defs, reads, set) is { } call && Companion(program, call.Func, companions) is { } companion:
                    replacements[call] = new MakeScalarStmt(IrScalar.True, set);
                    replacements[member] = new CallStmt(CallKind.Plan, companion.Name, [0, 1, x], member.Target);
                    break;
            }
        }
    }

    private static void Replace(IrBlock block, Dictionary<IrStmt, IrStmt> replacements)
    {
        var stmts = block.Stmts;
        for (var i = 0; i < stmts.Count; i++)
        {
            if (replacements.TryGetValue(stmts[i], out var with))
            {
                stmts[i] = with;
                continue;
            }
            switch (stmts[i])
            {
                case BlockStmt b:
                    foreach (var inner in b.Blocks) Replace(inner, replacements);
                    break;
                case ScanStmt s: Replace(s.Body, replacements); break;
                case NotStmt n: Replace(n.Body, replacements); break;
                case SwitchStmt sw:
                    foreach (var c in sw.Cases) Replace(c.Body, replacements);
                    break;
            }
        }
    }

    // The call `set = F(input, data)` when it is the local's only value (besides a reset to undefined) and the
    // membership test is the only statement reading the local (is_defined tests aside).
    private static CallStmt? SetRuleCall(Dictionary<int, List<IrStmt>> defs, Dictionary<int, int> reads, int set)
    {
        if (!defs.TryGetValue(set, out var ds)) return null;
        CallStmt? call = null;
        foreach (var d in ds)
        {
            if (d is ResetLocalStmt) continue;
            if (d is not CallStmt { Kind: CallKind.Plan, Args: [0, 1] } c || call is not null) return null;
            call = c;
        }
        return call is not null && reads.GetValueOrDefault(set) == 1 ? call : null;
    }

    // F$member for a qualifying set rule F, made once; null when F does not qualify.
    private static IrFunction? Companion(IrProgram program, string name, Dictionary<string, IrFunction?> companions)
    {
        if (companions.TryGetValue(name, out var made)) return made;
        made = program.Find(name) is { } f ? MakeCompanion(f) : null;
        companions[name] = made;
        if (made is not null) program.Functions.Add(made);
        return made;
    }

    private static IrFunction? MakeCompanion(IrFunction f)
    {
        var stmts = f.Body.Stmts;
        if (f.ArgCount != 0 || stmts.Count < 2
            || stmts[0] is not MakeCollectionStmt { Kind: CollectionKind.Set } make
            || stmts[^1] is not ReturnStmt ret || ret.Source != make.Target)
        {
            return null;
        }
        var result = make.Target;
        // The result set is only added to (besides the first and last statements).
        var defs = new Dictionary<int, List<IrStmt>>();
        var reads = new Dictionary<int, int>();
        for (var i = 1; i < stmts.Count - 1; i++)
        {
            if (!Safe(stmts[i], result)) return null;
        }
        var inner = new IrBlock();
        for (var i = 1; i < stmts.Count - 1; i++) inner.Add(stmts[i]);
        if (!Census(inner, defs, reads) || defs.ContainsKey(result) || defs.ContainsKey(0) || defs.ContainsKey(1)) return null;

        // Locals move up by one so that x can be parameter 2; one more local holds the boolean answer.
        var companion = new IrFunction(f.Name + "$member", 1) { Origin = f.Origin + " (membership)" };
        var x = 2;
        var answer = f.LocalCount + 1;
        companion.LocalCount = f.LocalCount + 2;
        var map = new Func<int, int>(l => l < 2 ? l : l + 1);
        for (var i = 1; i < stmts.Count - 1; i++) companion.Body.Add(Copy(stmts[i], map, result, x, answer));
        companion.Body.Add(new MakeScalarStmt(IrScalar.False, answer));
        companion.Body.Add(new ReturnStmt(answer));
        return companion;
    }

    // Statements that cannot abort, print or call anything; the result set may only be added to.
    private static bool Safe(IrStmt s, int result)
    {
        switch (s)
        {
            case BlockStmt b:
                foreach (var inner in b.Blocks)
                {
                    foreach (var t in inner.Stmts)
                    {
                        if (!Safe(t, result)) return false;
                    }
                }
                return true;
            case ScanStmt scan:
                if (scan.Source == result) return false;
                foreach (var t in scan.Body.Stmts)
                {
                    if (!Safe(t, result)) return false;
                }
                return true;
            case NotStmt n:
                // An element added inside a negation would not be a member: no returning from there.
                foreach (var t in n.Body.Stmts)
                {
                    if (!Safe(t, result) || AddsTo(t, result)) return false;
                }
                return true;
            case SetAddStmt add:
                return add.Value != result;
            case DotStmt d: return d.Source != result && d.Key != result;
            case EqualStmt e: return e.A != result && e.B != result;
            case NotEqualStmt e: return e.A != result && e.B != result;
            case IsDefinedStmt d: return d.Local != result;
            case IsUndefinedStmt d: return d.Local != result;
            case NotFalseStmt n: return n.Local != result;
            case IsTypeStmt t: return t.Local != result;
            case AssignStmt a: return a.Source != result;
            case ResetLocalStmt or MakeScalarStmt or MakeCollectionStmt or BreakStmt: return true;
            case ArrayAppendStmt a: return a.Array != result && a.Value != result;
            case ObjectInsertStmt o: return o.Object != result && o.Key != result && o.Value != result;
            default:
                return false;
        }
    }

    // Whether the statement, or any statement nested in it, adds to the result set.
    private static bool AddsTo(IrStmt s, int result)
    {
        switch (s)
        {
            case SetAddStmt add: return add.Set == result;
            case BlockStmt b:
                foreach (var inner in b.Blocks)
                {
                    foreach (var t in inner.Stmts)
                    {
                        if (AddsTo(t, result)) return true;
                    }
                }
                return false;
            case ScanStmt scan:
                foreach (var t in scan.Body.Stmts)
                {
                    if (AddsTo(t, result)) return true;
                }
                return false;
            case NotStmt n:
                foreach (var t in n.Body.Stmts)
                {
                    if (AddsTo(t, result)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    private static IrStmt Copy(IrStmt s, Func<int, int> m, int result, int x, int answer) => s switch
    {
        // Adding an element becomes: is it x? then the answer is true.
        SetAddStmt add when add.Set == result => new BlockStmt([Block(
            new EqualStmt(m(add.Value), x), new MakeScalarStmt(IrScalar.True, answer), new ReturnStmt(answer))]),
        SetAddStmt add => new SetAddStmt(m(add.Set), m(add.Value)),
        BlockStmt b => new BlockStmt(CopyBlocks(b.Blocks, m, result, x, answer)),
        ScanStmt scan => new ScanStmt(m(scan.Source), m(scan.Key), m(scan.Value), CopyBlock(scan.Body, m, result, x, answer)),
        NotStmt n => new NotStmt(CopyBlock(n.Body, m, result, x, answer)),
        DotStmt d => new DotStmt(m(d.Source), m(d.Key), m(d.Target)),
        EqualStmt e => new EqualStmt(m(e.A), m(e.B)),
        NotEqualStmt e => new NotEqualStmt(m(e.A), m(e.B)),
        IsDefinedStmt d => new IsDefinedStmt(m(d.Local)),
        IsUndefinedStmt d => new IsUndefinedStmt(m(d.Local)),
        NotFalseStmt n => new NotFalseStmt(m(n.Local)),
        IsTypeStmt t => new IsTypeStmt(m(t.Local), t.TypeCode, t.Length),
        AssignStmt a => new AssignStmt(m(a.Source), m(a.Target)),
        ResetLocalStmt r => new ResetLocalStmt(m(r.Target)),
        MakeScalarStmt k => new MakeScalarStmt(k.Value, m(k.Target)),
        MakeCollectionStmt c => new MakeCollectionStmt(c.Kind, m(c.Target)),
        BreakStmt br => br,
        ArrayAppendStmt a => new ArrayAppendStmt(m(a.Array), m(a.Value)),
        ObjectInsertStmt o => new ObjectInsertStmt(m(o.Object), m(o.Key), m(o.Value)),
        _ => throw new InvalidOperationException("set membership rewrite: unexpected statement " + s.GetType().Name),
    };

    private static IrBlock Block(params IrStmt[] stmts)
    {
        var b = new IrBlock();
        foreach (var s in stmts) b.Add(s);
        return b;
    }

    private static IrBlock CopyBlock(IrBlock block, Func<int, int> m, int result, int x, int answer)
    {
        var copy = new IrBlock();
        foreach (var s in block.Stmts) copy.Add(Copy(s, m, result, x, answer));
        return copy;
    }

    private static List<IrBlock> CopyBlocks(List<IrBlock> blocks, Func<int, int> m, int result, int x, int answer)
    {
        var copy = new List<IrBlock>(blocks.Count);
        foreach (var b in blocks) copy.Add(CopyBlock(b, m, result, x, answer));
        return copy;
    }

    // Definitions of each local, and how many statements read it (is_defined tests aside); false for a
    // statement kind not known here.
    private static bool Census(IrBlock block, Dictionary<int, List<IrStmt>> defs, Dictionary<int, int> reads)
    {
        foreach (var s in block.Stmts)
        {
            switch (s)
            {
                case BlockStmt b:
                    foreach (var inner in b.Blocks)
                    {
                        if (!Census(inner, defs, reads)) return false;
                    }
                    break;
                case ScanStmt scan:
                    Def(defs, scan.Key, s);
                    Def(defs, scan.Value, s);
                    Read(reads, scan.Source);
                    if (!Census(scan.Body, defs, reads)) return false;
                    break;
                case NotStmt n:
                    if (!Census(n.Body, defs, reads)) return false;
                    break;
                case SwitchStmt sw:
                    Read(reads, sw.Value);
                    foreach (var c in sw.Cases)
                    {
                        if (!Census(c.Body, defs, reads)) return false;
                    }
                    break;
                case DotStmt d: Read(reads, d.Source); Read(reads, d.Key); Def(defs, d.Target, s); break;
                case CallStmt c:
                    foreach (var a in c.Args) Read(reads, a);
                    Def(defs, c.Target, s);
                    break;
                case EqualStmt e: Read(reads, e.A); Read(reads, e.B); break;
                case NotEqualStmt e: Read(reads, e.A); Read(reads, e.B); break;
                case IsDefinedStmt or IsUndefinedStmt or BreakStmt or AbortStmt or CheckBuiltinErrorStmt: break;
                case NotFalseStmt n: Read(reads, n.Local); break;
                case IsTypeStmt t: Read(reads, t.Local); break;
                case AssignStmt a: Read(reads, a.Source); Def(defs, a.Target, s); break;
                case AssignOnceStmt a: Read(reads, a.Source); Read(reads, a.Target); Def(defs, a.Target, s); break;
                case ResetLocalStmt r: Def(defs, r.Target, s); break;
                case MakeScalarStmt k: Def(defs, k.Target, s); break;
                case MakeCollectionStmt c: Def(defs, c.Target, s); break;
                case ArrayAppendStmt a: Read(reads, a.Array); Read(reads, a.Value); break;
                case SetAddStmt a: Read(reads, a.Set); Read(reads, a.Value); break;
                case ObjectInsertStmt o: Read(reads, o.Object); Read(reads, o.Key); Read(reads, o.Value); break;
                case ObjectInsertOnceStmt o: Read(reads, o.Object); Read(reads, o.Key); Read(reads, o.Value); break;
                case MergeStmt m: Read(reads, m.A); Read(reads, m.B); Def(defs, m.Target, s); break;
                case UpsertStmt u: Read(reads, u.Base); Read(reads, u.Path); Read(reads, u.Value); Def(defs, u.Target, s); break;
                case ReturnStmt r: Read(reads, r.Source); break;
                case PrintStmt p: Read(reads, p.Args); break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static void Def(Dictionary<int, List<IrStmt>> defs, int local, IrStmt s)
    {
        if (!defs.TryGetValue(local, out var list)) defs[local] = list = [];
        list.Add(s);
    }

    private static void Read(Dictionary<int, int> reads, int local) => reads[local] = reads.GetValueOrDefault(local) + 1;
}
