using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    private void EvalRef(RefTerm r, Action<int> k)
    {
        if (r.Head is VarTerm hv)
        {
            if (hv.Name == "data")
            {
                EvalDataRef(r.Parts, 0, k);
                return;
            }
            if (hv.Name == "input")
            {
                Emit(new IsDefinedStmt(_scope.Input));
                WalkParts(_scope.Input, r.Parts, 0, k);
                return;
            }
            WalkParts(VarLocal(hv), r.Parts, 0, k);
            return;
        }
        EvalTerm(r.Head, head => WalkParts(head, r.Parts, 0, k));
    }

    /// <summary>Applies ref parts to a value: dot for known keys, scan for unbound variables.</summary>
    private void WalkParts(int source, List<Term> parts, int i, Action<int> k) => WalkParts(source, parts, i, k, baseData: false);

    /// <param name="baseData">The source is base data, whose objects have string keys: an integer
    /// key that finds nothing is tried as a string (data.a[2] reads "2"), as OPA does.</param>
    private void WalkParts(int source, List<Term> parts, int i, Action<int> k, bool baseData)
    {
        if (i == parts.Count)
        {
            k(source);
            return;
        }
        var part = parts[i];
        if (baseData && part is NumberTerm n && long.TryParse(n.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer))
        {
            var target = _scope.NewLocal();
            var asNumber = new IrBlock();
            asNumber.Add(new DotStmt(source, Scalar(IrScalar.Number(n.Text)), target));
            var asString = new IrBlock();
            asString.Add(new IsUndefinedStmt(target));
            _scope.Into(asString, () => Emit(new DotStmt(source, Scalar(IrScalar.String(integer.ToString(System.Globalization.CultureInfo.InvariantCulture))), target)));
            Emit(new ResetLocalStmt(target));
            Emit(new BlockStmt([asNumber, asString]));
            Emit(new IsDefinedStmt(target));
            WalkParts(target, parts, i + 1, k, baseData);
            return;
        }
        if (IsUnbound(part) || HasUnbound(part))
        {
            var key = _scope.NewLocal();
            var value = _scope.NewLocal();
            var body = new IrBlock();
            Emit(new ScanStmt(source, key, value, body));
            _scope.Into(body, () => UnifyLocal(part, key, () => WalkParts(value, parts, i + 1, k, baseData)));
            return;
        }
        EvalTerm(part, key =>
        {
            var target = _scope.NewLocal();
            Emit(new DotStmt(source, key, target));
            WalkParts(target, parts, i + 1, k, baseData);
        });
    }

    /// <summary>
    /// Evaluates data.parts…: static keys walk the rule tree; a rule set's value is computed by its
    /// function; a prefix with rules below it is the merge of base data and the rules' documents;
    /// anything else is base data.
    /// </summary>
    private void EvalDataRef(List<Term> parts, int start, Action<int> k) => EvalDataFrom(_docs.Root, [], parts, start, k);

    private void EvalDataFrom(DocNode node, List<string> path, List<Term> parts, int i, Action<int> k)
    {
        while (true)
        {
            if (IsOverridden(path))
            {
                WalkParts(BaseData(path), parts, i, k, baseData: true);
                return;
            }
            if (node.RuleSet != null && node.RuleSet.Kind != RuleKind.Function)
            {
                var next = i < parts.Count && parts[i] is StringTerm ns && node.Children.ContainsKey(ns.Value);
                if (!next)
                {
                    WalkParts(NodeDocument(node, path, includeBase: false), parts, i, k);
                    return;
                }
            }
            if (i < parts.Count && parts[i] is StringTerm s)
            {
                if (node.Children.TryGetValue(s.Value, out var child))
                {
                    node = child;
                    path = new List<string>(path) { s.Value };
                    i++;
                    continue;
                }
                if (node.RuleSet == null)
                {
                    // Below here nothing is defined by rules: plain base data.
                    path = new List<string>(path) { s.Value };
                    i++;
                    WalkParts(BaseData(path), parts, i, k, baseData: true);
                    return;
                }
            }
            if (node.RuleSet == null && i < parts.Count && parts[i] is NumberTerm or BooleanTerm or NullTerm)
            {
                // Rules only define string keys: a scalar key reads base data.
                WalkParts(BaseData(path), parts, i, k, baseData: true);
                return;
            }
            if (node.RuleSet == null && i < parts.Count && parts[i] is VarTerm key && !IsUnbound(key) && CanDispatch(node))
            {
                DispatchOnKey(node, path, parts, i, VarLocal(key), k);
                return;
            }
            WalkParts(NodeDocument(node, path, includeBase: true), parts, i, k);
            return;
        }
    }

    private const int MaxDispatchChildren = 16;

    private static bool CanDispatch(DocNode node)
    {
        if (node.Children.Count > MaxDispatchChildren) return false;
        foreach (var child in node.Children.Values)
        {
            if (child.IsFunctionLeaf) return false;
        }
        return true;
    }

    /// <summary>
    /// data.a[k]… with k bound: instead of building all of data.a, compare k with each rule-defined
    /// key and continue in that subtree only (else read base data). Besides being cheaper, this keeps
    /// `data[x]` inside a rule from evaluating the rule itself.
    /// </summary>
    private void DispatchOnKey(DocNode node, List<string> path, List<Term> parts, int i, int key, Action<int> k)
    {
        var blocks = new List<IrBlock>();
        var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
        foreach (var (name, child) in node.Children)
        {
            var block = new IrBlock();
            var childPath = new List<string>(path) { name };
            _scope.Into(block, () =>
            {
                Emit(new EqualStmt(key, Scalar(IrScalar.String(name))));
                EvalDataFrom(child, childPath, parts, i + 1, k);
            });
            RestoreVars(saved);
            blocks.Add(block);
        }
        var other = new IrBlock();
        _scope.Into(other, () =>
        {
            foreach (var name in node.Children.Keys) Emit(new NotEqualStmt(key, Scalar(IrScalar.String(name))));
            WalkParts(BaseData(path), parts, i, k, baseData: true);
        });
        RestoreVars(saved);
        blocks.Add(other);
        Emit(new BlockStmt(blocks));
    }

    private bool IsOverridden(List<string> path)
    {
        foreach (var o in _scope.DataOverrides)
        {
            if (o.Length != path.Count) continue;
            var same = true;
            for (var i = 0; i < o.Length && same; i++) same = o[i] == path[i];
            if (same) return true;
        }
        return false;
    }

    /// <summary>data at a static path (undefined keys leave the local undefined, not failing).</summary>
    private int BaseData(List<string> path)
    {
        var current = _scope.Data;
        if (path.Count == 0) return current;
        var result = _scope.NewLocal();
        Emit(new ResetLocalStmt(result));
        var block = new IrBlock();
        _scope.Into(block, () =>
        {
            foreach (var key in path)
            {
                var next = _scope.NewLocal();
                Emit(new DotStmt(current, Scalar(IrScalar.String(key)), next));
                current = next;
            }
            Emit(new AssignStmt(current, result));
        });
        Emit(new BlockStmt([block]));
        Emit(new IsDefinedStmt(result));
        return result;
    }

    /// <summary>
    /// The document at a rule tree node: its rule set's value (if any) merged with an object of its
    /// children's documents, merged over the base data at the same path when asked.
    /// </summary>
    private int NodeDocument(DocNode node, List<string> path, bool includeBase)
    {
        var doc = VirtualDocument(node, path);
        if (includeBase)
        {
            var baseValue = _scope.NewLocal();
            Emit(new ResetLocalStmt(baseValue));
            var block = new IrBlock();
            var current = _scope.Data;
            _scope.Into(block, () =>
            {
                foreach (var key in path)
                {
                    var next = _scope.NewLocal();
                    Emit(new DotStmt(current, Scalar(IrScalar.String(key)), next));
                    current = next;
                }
                Emit(new AssignStmt(current, baseValue));
            });
            Emit(new BlockStmt([block]));
            var merged = _scope.NewLocal();
            Emit(new MergeStmt(baseValue, doc, merged));
            Emit(new IsDefinedStmt(merged));
            return merged;
        }
        Emit(new IsDefinedStmt(doc));
        return doc;
    }

    /// <summary>The rules' document at a node (undefined local when a complete rule is undefined).</summary>
    private int VirtualDocument(DocNode node, List<string> path)
    {
        var result = _scope.NewLocal();
        Emit(new ResetLocalStmt(result));
        if (node.RuleSet != null && node.RuleSet.Kind != RuleKind.Function)
        {
            var call = new IrBlock();
            _scope.Into(call, () => Emit(new CallStmt(CallKind.Plan, RuleFunction(node.RuleSet), [_scope.Input, _scope.Data], result)));
            Emit(new BlockStmt([call]));
        }
        if (node.Children.Count == 0)
        {
            // A package without rules is an empty object.
            if (node.RuleSet == null) Emit(new MakeCollectionStmt(CollectionKind.Object, result));
            return result;
        }
        var children = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Object, children));
        foreach (var (key, child) in node.Children)
        {
            if (child.IsFunctionLeaf) continue;
            path.Add(key);
            if (IsOverridden(path))
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }
            var value = VirtualDocument(child, path);
            path.RemoveAt(path.Count - 1);
            var insert = new IrBlock();
            _scope.Into(insert, () =>
            {
                Emit(new IsDefinedStmt(value));
                Emit(new ObjectInsertStmt(children, Scalar(IrScalar.String(key)), value));
            });
            Emit(new BlockStmt([insert]));
        }
        var merged = _scope.NewLocal();
        Emit(new MergeStmt(result, children, merged));
        return merged;
    }
}
