using Tollgate.Rego.Diagnostics;

namespace Tollgate.Rego;

/// <summary>
/// What the parser produced: a value (possibly partial when there are diagnostics) and every
/// problem found. Only <see cref="Success"/> results should be compiled.
/// </summary>
public sealed class ParseResult<T>
    where T : class
{
    internal ParseResult(T? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    public T? Value { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool Success => Value is not null && Diagnostics.Count == 0;
}
