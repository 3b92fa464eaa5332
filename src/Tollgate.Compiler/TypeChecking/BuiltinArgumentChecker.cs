using System.Text;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.TypeChecking;

/// <summary>
/// Checks builtin arguments whose type is certain: literals, composites, comprehensions, and locals bound
/// to one by an earlier expression (a builtin's typed result, or <c>eq</c> with a literal). Anything read
/// from input or data is "any" and never reported. Message as OPA's:
/// "plus: invalid argument(s)\n\thave: (string, number)\n\twant: (x: number, y: number)".
/// </summary>
internal sealed class BuiltinArgumentChecker(Capabilities capabilities, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, TypeKind> _known = new(StringComparer.Ordinal);

    public void CheckRule(Rule rule)
    {
        for (var r = rule; r != null; r = r.Else)
        {
            CheckBody(r.Body);
            _known.Clear();
        }
    }

    public void CheckBody(Body body)
    {
        foreach (var expr in body.Exprs)
        {
            foreach (var w in expr.With) VisitClosures(w.Value);
            switch (expr.Kind)
            {
                case ExprKind.Call when expr.Args != null:
                    foreach (var a in expr.Args) VisitClosures(a);
                    CheckCall(expr);
                    break;
                case ExprKind.Every or ExprKind.Block:
                    if (expr.Body != null) CheckBody(expr.Body);
                    break;
                case ExprKind.And or ExprKind.Or:
                    foreach (var operand in expr.Operands ?? []) CheckBody(operand);
                    break;
                default:
                    if (expr.Term != null) VisitClosures(expr.Term);
                    break;
            }
        }
    }

    private void CheckCall(Expr expr)
    {
        var name = expr.OperatorName;
        var args = expr.Args!;
        if (name == "eq")
        {
            Learn(args[0], KindOf(args[1]));
            Learn(args[1], KindOf(args[0]));
            return;
        }
        var sig = capabilities.Find(name);
        if (sig == null || sig.Variadic) return;
        var inputs = Math.Min(args.Count, sig.Arity);
        var bad = false;
        for (var i = 0; i < inputs; i++)
        {
            var kind = KindOf(args[i]);
            if (!sig.Args[i].Accepts(kind)) bad = true;
        }
        if (bad)
        {
            diagnostics.Add(DiagnosticCodes.TypeError, Describe(sig, args, inputs), expr.Location);
            return;
        }
        if (args.Count == sig.Arity + 1 && sig.Result != null && sig.Result.Kind != TypeKind.Any)
        {
            Learn(args[^1], sig.Result.Kind);
        }
    }

    private string Describe(BuiltinSignature sig, List<Term> args, int inputs)
    {
        var sb = new StringBuilder();
        sb.Append(sig.Name).Append(": invalid argument(s)\n\thave: (");
        for (var i = 0; i < inputs; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(RegoType.KindName(KindOf(args[i])));
        }
        sb.Append(")\n\twant: ").Append(sig.DescribeArgs());
        return sb.ToString();
    }

    private void Learn(Term term, TypeKind kind)
    {
        if (kind != TypeKind.Any && term is VarTerm v) _known.TryAdd(v.Name, kind);
    }

    private TypeKind KindOf(Term term) => term switch
    {
        NullTerm => TypeKind.Null,
        BooleanTerm => TypeKind.Boolean,
        NumberTerm => TypeKind.Number,
        StringTerm => TypeKind.String,
        ArrayTerm or ArrayComprehension => TypeKind.Array,
        SetTerm or SetComprehension => TypeKind.Set,
        ObjectTerm or ObjectComprehension => TypeKind.Object,
        VarTerm v when _known.TryGetValue(v.Name, out var k) => k,
        _ => TypeKind.Any,
    };

    private void VisitClosures(Term term)
    {
        switch (term)
        {
            case ArrayComprehension ac:
                CheckBody(ac.Body);
                break;
            case SetComprehension sc:
                CheckBody(sc.Body);
                break;
            case ObjectComprehension oc:
                CheckBody(oc.Body);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) VisitClosures(i);
                break;
            case SetTerm s:
                foreach (var i in s.Items) VisitClosures(i);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items) VisitClosures(kv.Value);
                break;
        }
    }
}
