using System.Globalization;
using System.Text;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Prints rules, bodies and terms in normal form as Rego-like text, one expression per line: calls in
/// prefix form (<c>plus(__local0__, 1, __local1__)</c>), refs with brackets for non-identifier parts.
/// Used by golden tests and for debugging the planner's input.
/// </summary>
public static class NormalFormPrinter
{
    public static string Print(CompiledProgram program)
    {
        var sb = new StringBuilder();
        foreach (var set in program.Rules.All)
        {
            foreach (var rule in set.Defaults) WriteRule(sb, set, rule);
            foreach (var rule in set.Rules) WriteRule(sb, set, rule);
        }
        if (program.Query != null)
        {
            sb.Append("query:\n");
            WriteBody(sb, program.Query, 1);
        }
        return sb.ToString();
    }

    private static void WriteRule(StringBuilder sb, RuleSet set, Rule rule)
    {
        var first = true;
        for (var r = rule; r != null; r = r.Else)
        {
            if (!first) sb.Append("else ");
            else if (r.IsDefault) sb.Append("default ");
            first = false;
            sb.Append(set.DataPath).Append(' ').Append(set.Kind switch
            {
                RuleKind.Complete => "complete",
                RuleKind.PartialSet => "set",
                RuleKind.PartialObject => "object",
                _ => "function",
            });
            var head = r.Head;
            sb.Append(" head=");
            WriteTerm(sb, head.Ref);
            if (head.Args != null)
            {
                sb.Append('(');
                WriteList(sb, head.Args);
                sb.Append(')');
            }
            if (head.Key != null)
            {
                sb.Append(" key=");
                WriteTerm(sb, head.Key);
            }
            if (head.Value != null)
            {
                sb.Append(" value=");
                WriteTerm(sb, head.Value);
            }
            sb.Append(" {\n");
            WriteBody(sb, r.Body, 1);
            sb.Append("}\n");
        }
    }

    public static string Print(Body body)
    {
        var sb = new StringBuilder();
        WriteBody(sb, body, 0);
        return sb.ToString();
    }

    public static string Print(Term term)
    {
        var sb = new StringBuilder();
        WriteTerm(sb, term);
        return sb.ToString();
    }

    private static void WriteBody(StringBuilder sb, Body body, int indent)
    {
        foreach (var e in body.Exprs)
        {
            sb.Append(' ', indent * 2);
            WriteExpr(sb, e, indent);
            sb.Append('\n');
        }
    }

    private static void WriteExpr(StringBuilder sb, Expr e, int indent)
    {
        if (e.Negated) sb.Append("not ");
        switch (e.Kind)
        {
            case ExprKind.Call:
                sb.Append(e.OperatorName).Append('(');
                if (e.Args != null) WriteList(sb, e.Args);
                sb.Append(')');
                break;
            case ExprKind.Every:
                sb.Append("every ");
                if (e.Key != null)
                {
                    WriteTerm(sb, e.Key);
                    sb.Append(", ");
                }
                if (e.Value != null) WriteTerm(sb, e.Value);
                sb.Append(" in ");
                if (e.Domain != null) WriteTerm(sb, e.Domain);
                sb.Append(" {\n");
                if (e.Body != null) WriteBody(sb, e.Body, indent + 1);
                sb.Append(' ', indent * 2).Append('}');
                break;
            case ExprKind.And or ExprKind.Or:
                {
                    var ops = e.Operands ?? [];
                    for (var i = 0; i < ops.Count; i++)
                    {
                        if (i > 0) sb.Append(e.Kind == ExprKind.And ? " and " : " or ");
                        sb.Append("{ ");
                        WriteInlineBody(sb, ops[i]);
                        sb.Append(" }");
                    }
                    break;
                }
            case ExprKind.Block:
                sb.Append("{ ");
                if (e.Body != null) WriteInlineBody(sb, e.Body);
                sb.Append(" }");
                break;
            case ExprKind.Some:
                sb.Append("some ");
                if (e.Vars != null) WriteList(sb, e.Vars);
                break;
            default:
                if (e.Term != null) WriteTerm(sb, e.Term);
                break;
        }
        foreach (var w in e.With)
        {
            sb.Append(" with ");
            WriteTerm(sb, w.Target);
            sb.Append(" as ");
            WriteTerm(sb, w.Value);
        }
    }

    private static void WriteList<T>(StringBuilder sb, List<T> terms) where T : Term
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            WriteTerm(sb, terms[i]);
        }
    }

    private static void WriteTerm(StringBuilder sb, Term term)
    {
        switch (term)
        {
            case NullTerm:
                sb.Append("null");
                break;
            case BooleanTerm b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NumberTerm n:
                sb.Append(n.Text);
                break;
            case StringTerm s:
                WriteString(sb, s.Value);
                break;
            case VarTerm v:
                sb.Append(v.Name);
                break;
            case RefTerm r:
                if (r.Head is VarTerm hv) sb.Append(hv.Name);
                else WriteTerm(sb, r.Head);
                foreach (var p in r.Parts)
                {
                    if (p is StringTerm ps && RefTerm.IsIdentifier(ps.Value))
                    {
                        sb.Append('.').Append(ps.Value);
                    }
                    else
                    {
                        sb.Append('[');
                        WriteTerm(sb, p);
                        sb.Append(']');
                    }
                }
                break;
            case ArrayTerm a:
                sb.Append('[');
                WriteList(sb, a.Items);
                sb.Append(']');
                break;
            case SetTerm s:
                if (s.Items.Count == 0)
                {
                    sb.Append("set()");
                    break;
                }
                sb.Append('{');
                WriteList(sb, s.Items);
                sb.Append('}');
                break;
            case ObjectTerm o:
                sb.Append('{');
                for (var i = 0; i < o.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteTerm(sb, o.Items[i].Key);
                    sb.Append(": ");
                    WriteTerm(sb, o.Items[i].Value);
                }
                sb.Append('}');
                break;
            case ArrayComprehension ac:
                WriteComprehension(sb, '[', ac.Head, null, ac.Body, ']');
                break;
            case SetComprehension sc:
                WriteComprehension(sb, '{', sc.Head, null, sc.Body, '}');
                break;
            case ObjectComprehension oc:
                WriteComprehension(sb, '{', oc.Key, oc.Value, oc.Body, '}');
                break;
            case CallTerm c:
                sb.Append(c.OperatorName).Append('(');
                WriteList(sb, c.Args);
                sb.Append(')');
                break;
            case TemplateStringTerm t:
                sb.Append("$\"");
                foreach (var p in t.Parts)
                {
                    sb.Append('{');
                    WriteTerm(sb, p);
                    sb.Append('}');
                }
                sb.Append('"');
                break;
        }
    }

    /// <summary><c>[head | body]</c>, <c>{head | body}</c>, or <c>{key: value | body}</c> when a value is given.</summary>
    private static void WriteComprehension(StringBuilder sb, char open, Term head, Term? value, Body body, char close)
    {
        sb.Append(open);
        WriteTerm(sb, head);
        if (value != null)
        {
            sb.Append(": ");
            WriteTerm(sb, value);
        }
        sb.Append(" | ");
        WriteInlineBody(sb, body);
        sb.Append(close);
    }

    private static void WriteInlineBody(StringBuilder sb, Body body)
    {
        for (var i = 0; i < body.Exprs.Count; i++)
        {
            if (i > 0) sb.Append("; ");
            WriteExpr(sb, body.Exprs[i], 0);
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
