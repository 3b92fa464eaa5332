using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    private void PlanRuleSet(PendingRuleSet pending)
    {
        var rs = pending.RuleSet;
        var fn = NewFunction(pending.Name, rs.Kind == RuleKind.Function ? rs.Arity : 0, "rules data." + string.Join(".", rs.Path));
        fn.Memoize = rs.Kind != RuleKind.Function;
        Begin(fn);
        _scope.DataOverrides.AddRange(pending.Context.Overrides);
        foreach (var (name, term) in pending.Context.Mocks) _scope.Mocks[name] = term;
        var result = _scope.NewLocal();
        switch (rs.Kind)
        {
            case RuleKind.PartialSet:
                Emit(new MakeCollectionStmt(ValueKindOfRuleSet(rs), result));
                break;
            case RuleKind.PartialObject:
                Emit(new MakeCollectionStmt(CollectionKind.Object, result));
                break;
            default:
                Emit(new ResetLocalStmt(result));
                break;
        }
        // Every body yields the same constant: once one succeeds the others cannot change the value or
        // conflict with it, so later bodies start by checking that the result is still undefined (as OPA's
        // evaluator exits early for such rules).
        var (savedEarlyExit, savedBodies) = (_earlyExitResult, _earlyExitBodies);
        _earlyExitResult = rs.Kind == RuleKind.Complete && SameConstantHeads(rs.Rules) ? result : -1;
        _earlyExitBodies = 0;
        var plain = new List<Rule>(rs.Rules.Count);
        var index = _options.Indexing && rs.Kind != RuleKind.Function ? RuleIndex.Build(rs.Rules, _options.IndexThreshold) : null;
        if (index != null) PlanIndexed(rs, index, result, plain);
        else plain.AddRange(rs.Rules);
        foreach (var rule in plain) PlanRuleChain(rs, rule, result, null);
        (_earlyExitResult, _earlyExitBodies) = (savedEarlyExit, savedBodies);
        if (rs.Default != null)
        {
            var block = new IrBlock();
            _scope.Into(block, () =>
            {
                Emit(new IsUndefinedStmt(result));
                _scope.Vars.Clear();
                EvalTerm(rs.Default.Head.Value ?? new BooleanTerm(true), v => Emit(new AssignStmt(v, result)));
            });
            Emit(new BlockStmt([block]));
        }
        Emit(new ReturnStmt(result));
    }

    // A multi-value ref head (`a.b[c] contains x`) is an object of sets; a plain `p contains x` is a set.
    private static CollectionKind ValueKindOfRuleSet(RuleSet rs)
    {
        foreach (var rule in rs.Rules)
        {
            if (ExtraKeys(rs, rule).Count > 0) return CollectionKind.Object;
        }
        return CollectionKind.Set;
    }

    /// <summary>The head ref parts after the rule set's static path (the keys bound by the body).</summary>
    private static List<Term> ExtraKeys(RuleSet rs, Rule rule)
    {
        var module = rule.Module;
        var packageLength = module?.Package.Path.Parts.Count ?? 0;
        var consumed = rs.Path.Count - packageLength - 1;
        var parts = rule.Head.Ref.Parts;
        var extra = new List<Term>();
        for (var i = Math.Max(consumed, 0); i < parts.Count; i++) extra.Add(parts[i]);
        return extra;
    }

    /// <summary>True when every rule has no else and the same scalar constant value (none means true).</summary>
    private static bool SameConstantHeads(IReadOnlyList<Rule> rules)
    {
        string? first = null;
        foreach (var rule in rules)
        {
            if (rule.Else != null) return false;
            var key = rule.Head.Value switch
            {
                null => "b:true",
                BooleanTerm b => b.Value ? "b:true" : "b:false",
                StringTerm t => "s:" + t.Value,
                NumberTerm n => "n:" + n.Text,
                NullTerm => "null",
                _ => null,
            };
            if (key == null || (first != null && key != first)) return false;
            first = key;
        }
        return first != null;
    }

    /// <summary>Plans a rule and its else chain; their first defined value is added to the result.</summary>
    private void PlanRuleChain(RuleSet rs, Rule rule, int result, Expr? skip)
    {
        if (rule.Else == null)
        {
            var block = new IrBlock();
            _scope.Into(block, () =>
            {
                // The first body planned cannot find the result defined; later ones may.
                if (_earlyExitResult == result && _earlyExitBodies++ > 0) Emit(new IsUndefinedStmt(result));
                PlanRuleBody(rs, rule, skip, () => EmitHead(rs, rule, result));
            });
            Emit(new BlockStmt([block]));
            return;
        }
        var chain = _scope.NewLocal();
        Emit(new ResetLocalStmt(chain));
        var blocks = new List<IrBlock>();
        var first = true;
        for (var r = rule; r != null; r = r.Else)
        {
            var block = new IrBlock();
            var current = r;
            var isFirst = first;
            _scope.Into(block, () =>
            {
                if (!isFirst) Emit(new IsUndefinedStmt(chain));
                PlanRuleBody(rs, current, isFirst ? skip : null, () => EvalTerm(current.Head.Value ?? new BooleanTerm(true),
                    v => Emit(new AssignOnceStmt(v, chain, Conflict(current, ConflictMessage(rs))))));
            });
            blocks.Add(block);
            first = false;
        }
        Emit(new BlockStmt(blocks));
        var assign = new IrBlock();
        _scope.Into(assign, () =>
        {
            Emit(new IsDefinedStmt(chain));
            Emit(new AssignOnceStmt(chain, result, Conflict(rule, ConflictMessage(rs))));
        });
        Emit(new BlockStmt([assign]));
    }

    private static string ConflictMessage(RuleSet rs) => rs.Kind == RuleKind.Function
        ? "functions must not produce multiple outputs for same inputs"
        : "complete rules must not produce multiple outputs";

    /// <summary>Plans a rule's arguments (functions) and body with fresh bindings, then the continuation.</summary>
    private void PlanRuleBody(RuleSet rs, Rule rule, Expr? skip, Action k)
    {
        _scope.Vars.Clear();
        var exprs = rule.Body.Exprs;
        if (skip != null)
        {
            exprs = new List<Expr>(exprs);
            exprs.Remove(skip);
        }
        if (rs.Kind == RuleKind.Function && rule.Head.Args != null)
        {
            UnifyArgs(rule.Head.Args, 0, () => PlanExprs(exprs, 0, k));
            return;
        }
        PlanExprs(exprs, 0, k);
    }

    private void UnifyArgs(List<Term> args, int i, Action k)
    {
        if (i == args.Count)
        {
            k();
            return;
        }
        UnifyLocal(args[i], 2 + i, () => UnifyArgs(args, i + 1, k));
    }

    /// <summary>Adds a successful body's head to the rule set's result.</summary>
    private void EmitHead(RuleSet rs, Rule rule, int result)
    {
        switch (rs.Kind)
        {
            case RuleKind.Complete:
            case RuleKind.Function:
                EvalTerm(rule.Head.Value ?? new BooleanTerm(true), v => Emit(new AssignOnceStmt(v, result, Conflict(rule, ConflictMessage(rs)))));
                return;
            case RuleKind.PartialSet:
                {
                    var keys = ExtraKeys(rs, rule);
                    var element = rule.Head.Key ?? rule.Head.Value ?? new BooleanTerm(true);
                    if (keys.Count == 0)
                    {
                        EvalTerm(element, v => Emit(new SetAddStmt(result, v)));
                        return;
                    }
                    EvalItems(keys, 0, new int[keys.Count], ks => EvalTerm(element, v =>
                    {
                        var set = DescendCreating(result, ks, ks.Length, CollectionKind.Set);
                        Emit(new SetAddStmt(set, v));
                    }));
                    return;
                }
            default:
                {
                    var keys = ExtraKeys(rs, rule);
                    var value = rule.Head.Value ?? new BooleanTerm(true);
                    if (keys.Count == 0)
                    {
                        // v0 partial object `p[k] = v` keeps its key in Head.Key.
                        if (rule.Head.Key != null) keys.Add(rule.Head.Key);
                        else throw new PlanningException("partial object rule without a key", rule.Location);
                    }
                    EvalItems(keys, 0, new int[keys.Count], ks => EvalTerm(value, v =>
                    {
                        var parent = DescendCreating(result, ks, ks.Length - 1, CollectionKind.Object);
                        Emit(new ObjectInsertOnceStmt(parent, ks[^1], v, Conflict(rule, "object keys must be unique")));
                    }));
                    return;
                }
        }
    }

    /// <summary>
    /// Walks <paramref name="count"/> keys down from an object the function built, creating objects
    /// (and a collection of <paramref name="leaf"/> kind at the last key) where missing.
    /// </summary>
    private int DescendCreating(int root, int[] keys, int count, CollectionKind leaf)
    {
        var current = root;
        for (var i = 0; i < count; i++)
        {
            var next = _scope.NewLocal();
            Emit(new ResetLocalStmt(next));
            var found = new IrBlock();
            found.Add(new DotStmt(current, keys[i], next));
            var missing = new IrBlock();
            missing.Add(new IsUndefinedStmt(next));
            missing.Add(new MakeCollectionStmt(i == count - 1 ? leaf : CollectionKind.Object, next));
            missing.Add(new ObjectInsertStmt(current, keys[i], next));
            Emit(new BlockStmt([found, missing]));
            current = next;
        }
        return current;
    }
}
