namespace Tollgate.Rego.Ast;

/// <summary>A Rego term: a scalar, a variable, a reference, a composite, a comprehension or a call.</summary>
public abstract class Term : Node
{
    /// <summary>True for terms that contain no variables, refs, calls or comprehensions.</summary>
    public virtual bool IsGround => false;
}

public sealed class NullTerm : Term
{
    public override bool IsGround => true;
}

public sealed class BooleanTerm(bool value) : Term
{
    public bool Value { get; set; } = value;
    public override bool IsGround => true;
}

/// <summary>A number kept exactly as written (e.g. "12345678901234567890", "1e400", "0.1").</summary>
public sealed class NumberTerm(string text) : Term
{
    public string Text { get; set; } = text;
    public override bool IsGround => true;
}

/// <summary>A string (its value after escapes are decoded; raw strings keep their text).</summary>
public sealed class StringTerm(string value) : Term
{
    public string Value { get; set; } = value;
    public override bool IsGround => true;
}

/// <summary>A variable. "_" is the wildcard; the parser renames each wildcard to a unique "$_N".</summary>
public sealed class VarTerm(string name) : Term
{
    public string Name { get; set; } = name;
    public bool IsWildcard => Name == "_" || Name.StartsWith("$_", StringComparison.Ordinal);
}

/// <summary>
/// A reference: a head term followed by path parts. <c>data.a[x].b</c> is Head = var data, Parts =
/// ["a", x, "b"] (dot parts become <see cref="StringTerm"/>s). The head can also be a call, an array,
/// an object, a set or a comprehension (<c>f(x)[0]</c>, <c>[1,2][i]</c>).
/// </summary>
public sealed class RefTerm : Term
{
    public required Term Head { get; set; }
    public List<Term> Parts { get; } = [];

    /// <summary>Renders a ref as OPA prints it: dots for identifier-like strings, brackets otherwise.</summary>
    public string ToDottedString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Head is VarTerm v ? v.Name : Head.GetType().Name);
        foreach (var part in Parts)
        {
            switch (part)
            {
                case StringTerm s when IsIdentifier(s.Value):
                    sb.Append('.').Append(s.Value);
                    break;
                case StringTerm s:
                    sb.Append("[\"").Append(s.Value).Append("\"]");
                    break;
                case VarTerm pv:
                    sb.Append('[').Append(pv.Name).Append(']');
                    break;
                case NumberTerm n:
                    sb.Append('[').Append(n.Text).Append(']');
                    break;
                default:
                    sb.Append("[…]");
                    break;
            }
        }
        return sb.ToString();
    }

    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}

public sealed class ArrayTerm : Term
{
    public List<Term> Items { get; } = [];
    public override bool IsGround => Items.TrueForAll(static t => t.IsGround);
}

public sealed class SetTerm : Term
{
    public List<Term> Items { get; } = [];
    public override bool IsGround => Items.TrueForAll(static t => t.IsGround);
}

public sealed class ObjectTerm : Term
{
    public List<KeyValuePair<Term, Term>> Items { get; } = [];
    public override bool IsGround => Items.TrueForAll(static kv => kv.Key.IsGround && kv.Value.IsGround);
}

/// <summary><c>[term | body]</c>.</summary>
public sealed class ArrayComprehension : Term
{
    public required Term Head { get; set; }
    public required Body Body { get; set; }
}

/// <summary><c>{term | body}</c>.</summary>
public sealed class SetComprehension : Term
{
    public required Term Head { get; set; }
    public required Body Body { get; set; }
}

/// <summary><c>{key: value | body}</c>.</summary>
public sealed class ObjectComprehension : Term
{
    public required Term Key { get; set; }
    public required Term Value { get; set; }
    public required Body Body { get; set; }
}

/// <summary>A call used as a value: <c>count(x)</c>, <c>data.lib.f(1)</c>, <c>x + 1</c> inside a term.</summary>
public sealed class CallTerm : Term
{
    public required RefTerm Operator { get; set; }
    public List<Term> Args { get; } = [];
    public string OperatorName => Operator.ToDottedString();
}

/// <summary>
/// A template string <c>$"Hello {input.name}!"</c> (OPA 1.x string interpolation). Parts alternate
/// between literal text (<see cref="StringTerm"/>) and embedded expressions (any term).
/// </summary>
public sealed class TemplateStringTerm : Term
{
    public List<Term> Parts { get; } = [];
    /// <summary>True for the raw form <c>$`…`</c>.</summary>
    public bool Raw { get; set; }
}
