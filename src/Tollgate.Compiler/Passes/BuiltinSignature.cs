using Tollgate.Compiler.TypeChecking;

namespace Tollgate.Compiler.Passes;

/// <summary>One builtin of the capabilities catalogue: its name, argument types and result.</summary>
public sealed class BuiltinSignature(string name, IReadOnlyList<RegoType> args, RegoType? result, bool variadic, string? infix,
    IReadOnlyList<string?>? argNames = null)
{
    /// <summary>The documented argument names (null where the catalogue gives none), for messages.</summary>
    public IReadOnlyList<string?> ArgNames { get; } = argNames ?? new string?[args.Count];

    /// <summary>OPA's rendering of the wanted arguments: <c>(collection: any&lt;…&gt;)</c>.</summary>
    public string DescribeArgs()
    {
        var sb = new System.Text.StringBuilder("(");
        for (var i = 0; i < Args.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            if (i < ArgNames.Count && !string.IsNullOrEmpty(ArgNames[i])) sb.Append(ArgNames[i]).Append(": ");
            sb.Append(Args[i]);
        }
        return sb.Append(')').ToString();
    }

    public string Name { get; } = name;
    public IReadOnlyList<RegoType> Args { get; } = args;

    /// <summary>Null for builtins that produce no value (<c>print</c>, <c>internal.print</c>).</summary>
    public RegoType? Result { get; } = result;

    /// <summary>True for <c>print</c>: any number of arguments.</summary>
    public bool Variadic { get; } = variadic;

    public string? Infix { get; } = infix;

    public int Arity => Args.Count;

    /// <summary>True for <c>any</c>, <c>all</c>, <c>re_match</c>, the <c>cast_*</c> family…: reported by strict mode.</summary>
    public bool Deprecated => DeprecatedNames.Contains(Name);

    private static readonly HashSet<string> DeprecatedNames = new(StringComparer.Ordinal)
    {
        "any", "all", "re_match", "net.cidr_overlap", "set_diff", "cast_array", "cast_set", "cast_string",
        "cast_boolean", "cast_null", "cast_object",
    };
}
