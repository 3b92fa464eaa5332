namespace Tollgate.Wasm;

/// <summary>A function signature. Equality compares the parameter and result lists element by element.</summary>
public sealed record FuncType(ValType[] Params, ValType[] Results)
{
    public bool Equals(FuncType? other) =>
        other is not null
        && Params.AsSpan().SequenceEqual(other.Params)
        && Results.AsSpan().SequenceEqual(other.Results);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Params)
        {
            hash.Add(p);
        }
        hash.Add(-1);
        foreach (var r in Results)
        {
            hash.Add(r);
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        "(" + string.Join(", ", Params) + ") -> (" + string.Join(", ", Results) + ")";
}
