using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Text;

namespace Tollgate.Rego;

/// <summary>
/// A stable, indented JSON rendering of the AST for golden tests and debugging. Every node is an
/// object with "type" first and its location as "loc": "line:column" (offsets are left out so
/// goldens survive edits elsewhere in a file only when positions really do not move).
/// </summary>
public static class AstJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Node node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, Node? node)
    {
        if (node is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("type", node.GetType().Name);
        WriteLocation(w, node.Location);
        switch (node)
        {
            case Module m:
                WriteProperty(w, "package", m.Package);
                WriteList(w, "imports", m.Imports);
                WriteList(w, "rules", m.Rules);
                if (m.Annotations.Count > 0)
                {
                    WriteList(w, "annotations", m.Annotations);
                }
                break;
            case Package p:
                WriteProperty(w, "path", p.Path);
                if (p.Annotations.Count > 0)
                {
                    w.WriteNumber("annotations", p.Annotations.Count);
                }
                break;
            case Import i:
                WriteProperty(w, "path", i.Path);
                if (i.Alias is not null)
                {
                    w.WriteString("alias", i.Alias);
                }
                break;
            case Rule r:
                if (r.IsDefault)
                {
                    w.WriteBoolean("default", true);
                }
                if (r.Annotations.Count > 0)
                {
                    w.WriteNumber("annotations", r.Annotations.Count);
                }
                WriteProperty(w, "head", r.Head);
                WriteProperty(w, "body", r.Body);
                WriteOptional(w, "else", r.Else);
                break;
            case RuleHead h:
                w.WriteString("kind", h.Kind.ToString());
                w.WriteString("name", h.Name);
                WriteProperty(w, "ref", h.Ref);
                if (h.Args is not null)
                {
                    WriteList(w, "args", h.Args);
                }
                WriteOptional(w, "key", h.Key);
                WriteOptional(w, "value", h.Value);
                if (h.Assign != AssignOperator.None)
                {
                    w.WriteString("assign", h.Assign.ToString());
                }
                break;
            case Body b:
                WriteList(w, "exprs", b.Exprs);
                break;
            case Expr e:
                WriteExpr(w, e);
                break;
            case With wi:
                WriteProperty(w, "target", wi.Target);
                WriteProperty(w, "value", wi.Value);
                break;
            case Annotation a:
                w.WriteString("scope", a.Scope);
                w.WriteString("yaml", a.Yaml);
                break;
            case Term t:
                WriteTerm(w, t);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteExpr(Utf8JsonWriter w, Expr e)
    {
        w.WriteString("kind", e.Kind.ToString());
        if (e.Negated)
        {
            w.WriteBoolean("negated", true);
        }
        switch (e.Kind)
        {
            case ExprKind.Term:
                WriteProperty(w, "term", e.Term);
                break;
            case ExprKind.Call:
                w.WriteString("operator", e.OperatorName);
                WriteList(w, "args", e.Args ?? []);
                break;
            case ExprKind.Some:
                if (e.Vars is not null)
                {
                    WriteList(w, "vars", e.Vars);
                }
                WriteOptional(w, "key", e.Key);
                WriteOptional(w, "value", e.Value);
                WriteOptional(w, "domain", e.Domain);
                break;
            case ExprKind.Every:
                WriteOptional(w, "key", e.Key);
                WriteOptional(w, "value", e.Value);
                WriteOptional(w, "domain", e.Domain);
                WriteProperty(w, "body", e.Body);
                break;
            case ExprKind.And or ExprKind.Or:
                WriteList(w, "operands", e.Operands ?? []);
                break;
            case ExprKind.Block:
                WriteProperty(w, "body", e.Body);
                break;
        }
        if (e.With.Count > 0)
        {
            WriteList(w, "with", e.With);
        }
    }

    private static void WriteTerm(Utf8JsonWriter w, Term t)
    {
        switch (t)
        {
            case NullTerm:
                break;
            case BooleanTerm b:
                w.WriteBoolean("value", b.Value);
                break;
            case NumberTerm n:
                w.WriteString("value", n.Text);
                break;
            case StringTerm s:
                w.WriteString("value", s.Value);
                break;
            case VarTerm v:
                w.WriteString("name", v.Name);
                break;
            case RefTerm r:
                WriteProperty(w, "head", r.Head);
                WriteList(w, "parts", r.Parts);
                break;
            case ArrayTerm a:
                WriteList(w, "items", a.Items);
                break;
            case SetTerm s:
                WriteList(w, "items", s.Items);
                break;
            case ObjectTerm o:
                w.WriteStartArray("items");
                foreach (var item in o.Items)
                {
                    w.WriteStartArray();
                    Write(w, item.Key);
                    Write(w, item.Value);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            case ArrayComprehension ac:
                WriteProperty(w, "head", ac.Head);
                WriteProperty(w, "body", ac.Body);
                break;
            case SetComprehension sc:
                WriteProperty(w, "head", sc.Head);
                WriteProperty(w, "body", sc.Body);
                break;
            case ObjectComprehension oc:
                WriteProperty(w, "key", oc.Key);
                WriteProperty(w, "value", oc.Value);
                WriteProperty(w, "body", oc.Body);
                break;
            case CallTerm c:
                w.WriteString("operator", c.OperatorName);
                WriteList(w, "args", c.Args);
                break;
            case TemplateStringTerm ts:
                if (ts.Raw)
                {
                    w.WriteBoolean("raw", true);
                }
                WriteList(w, "parts", ts.Parts);
                break;
            case ExprTerm et:
                WriteProperty(w, "expr", et.Expr);
                break;
        }
    }

    /// <summary>A property holding a node (null when the node is missing).</summary>
    private static void WriteProperty(Utf8JsonWriter w, string name, Node? node)
    {
        w.WritePropertyName(name);
        Write(w, node);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, Node? node)
    {
        if (node is not null)
        {
            WriteProperty(w, name, node);
        }
    }

    private static void WriteList<T>(Utf8JsonWriter w, string name, List<T> nodes)
        where T : Node
    {
        w.WriteStartArray(name);
        foreach (var node in nodes)
        {
            Write(w, node);
        }
        w.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter w, SourceLocation location)
    {
        if (location.IsKnown)
        {
            w.WriteString("loc", $"{location.Line}:{location.Column}");
        }
    }
}
