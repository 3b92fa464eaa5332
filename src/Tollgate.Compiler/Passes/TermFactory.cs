using Tollgate.Rego.Ast;
using Tollgate.Rego.Text;

namespace Tollgate.Compiler.Passes;

/// <summary>Builds the terms and expressions the rewrites introduce.</summary>
internal static class TermFactory
{
    /// <summary>An operator ref from a dotted builtin name: "object.get" is var object, part "get".</summary>
    public static RefTerm Operator(string dottedName, SourceLocation location)
    {
        var segments = dottedName.Split('.');
        var op = new RefTerm { Head = new VarTerm(segments[0]) { Location = location }, Location = location };
        for (var i = 1; i < segments.Length; i++) op.Parts.Add(new StringTerm(segments[i]) { Location = location });
        return op;
    }

    public static Expr Call(string dottedName, SourceLocation location, params Term[] args) =>
        Call(Operator(dottedName, location), location, args);

    public static Expr Call(RefTerm op, SourceLocation location, IEnumerable<Term> args)
    {
        var list = new List<Term>(args);
        return new Expr { Kind = ExprKind.Call, Operator = op, Args = list, Location = location };
    }

    /// <summary><c>xs[key]</c>: appended to a ref's parts, or a new ref whose head is the collection term.</summary>
    public static RefTerm Index(Term collection, Term key)
    {
        if (collection is RefTerm r)
        {
            var copy = new RefTerm { Head = r.Head, Location = r.Location };
            copy.Parts.AddRange(r.Parts);
            copy.Parts.Add(key);
            return copy;
        }
        var fresh = new RefTerm { Head = collection, Location = collection.Location };
        fresh.Parts.Add(key);
        return fresh;
    }

    /// <summary>A shallow copy of an absolute ref (data.a.b), placed at the use site.</summary>
    public static RefTerm CloneRef(RefTerm source, SourceLocation location)
    {
        var head = source.Head is VarTerm v ? new VarTerm(v.Name) { Location = location } : source.Head;
        var copy = new RefTerm { Head = head, Location = location };
        foreach (var p in source.Parts)
        {
            copy.Parts.Add(p is StringTerm s ? new StringTerm(s.Value) { Location = location } : p);
        }
        return copy;
    }

    public static RefTerm DataRef(IReadOnlyList<string> path, SourceLocation location)
    {
        var r = new RefTerm { Head = new VarTerm("data") { Location = location }, Location = location };
        foreach (var p in path) r.Parts.Add(new StringTerm(p) { Location = location });
        return r;
    }
}
