using System.Text;
using System.Text.Json;

namespace Tollgate.Compiler.TypeChecking;

/// <summary>The top-level kind of a Rego value, as the type checker tracks it.</summary>
public enum TypeKind
{
    Any,
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
    Set,
}

/// <summary>
/// A builtin argument or result type from the capabilities catalogue. Only the outer shape is used for
/// checking (which kinds are accepted); element types are kept to print OPA-like "want" lines.
/// </summary>
public sealed class RegoType
{
    public static readonly RegoType AnyType = new(TypeKind.Any, [], null, null);

    public TypeKind Kind { get; }

    /// <summary>For Any: the alternatives (<c>any&lt;string, number&gt;</c>); empty means truly any.</summary>
    public IReadOnlyList<RegoType> Alternatives { get; }

    /// <summary>Array/Set element type, or Object value type.</summary>
    public RegoType? Element { get; }

    /// <summary>Object key type.</summary>
    public RegoType? Key { get; }

    private RegoType(TypeKind kind, IReadOnlyList<RegoType> alternatives, RegoType? element, RegoType? key)
    {
        Kind = kind;
        Alternatives = alternatives;
        Element = element;
        Key = key;
    }

    public static RegoType Of(TypeKind kind) => kind == TypeKind.Any ? AnyType : new RegoType(kind, [], null, null);

    /// <summary>True when a value of top-level kind <paramref name="kind"/> may be passed where this type is wanted.</summary>
    public bool Accepts(TypeKind kind)
    {
        if (kind == TypeKind.Any) return true;
        if (Kind == TypeKind.Any)
        {
            if (Alternatives.Count == 0) return true;
            foreach (var alt in Alternatives)
            {
                if (alt.Accepts(kind)) return true;
            }
            return false;
        }
        return Kind == kind;
    }

    /// <summary>Reads a type in OPA's capabilities JSON format (<c>{"type":"array","dynamic":{...}}</c>).</summary>
    public static RegoType Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var typeName))
        {
            return AnyType;
        }
        switch (typeName.GetString())
        {
            case "null": return Of(TypeKind.Null);
            case "boolean": return Of(TypeKind.Boolean);
            case "number": return Of(TypeKind.Number);
            case "string": return Of(TypeKind.String);
            case "array":
                {
                    RegoType? element = null;
                    if (json.TryGetProperty("dynamic", out var dyn)) element = Parse(dyn);
                    else if (json.TryGetProperty("static", out var st) && st.ValueKind == JsonValueKind.Array && st.GetArrayLength() > 0) element = Parse(st[0]);
                    return new RegoType(TypeKind.Array, [], element ?? AnyType, null);
                }
            case "set":
                return new RegoType(TypeKind.Set, [], json.TryGetProperty("of", out var setOf) ? Parse(setOf) : AnyType, null);
            case "object":
                {
                    RegoType key = AnyType, value = AnyType;
                    if (json.TryGetProperty("dynamic", out var dyn) && dyn.ValueKind == JsonValueKind.Object)
                    {
                        if (dyn.TryGetProperty("key", out var k)) key = Parse(k);
                        if (dyn.TryGetProperty("value", out var v)) value = Parse(v);
                    }
                    return new RegoType(TypeKind.Object, [], value, key);
                }
            case "any":
                {
                    if (json.TryGetProperty("of", out var of) && of.ValueKind == JsonValueKind.Array)
                    {
                        var alts = new List<RegoType>();
                        foreach (var alt in of.EnumerateArray()) alts.Add(Parse(alt));
                        return new RegoType(TypeKind.Any, alts, null, null);
                    }
                    return AnyType;
                }
            default:
                return AnyType;
        }
    }

    /// <summary>OPA's rendering: <c>any&lt;array[any], set[any]&gt;</c>, <c>object[string: any]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        switch (Kind)
        {
            case TypeKind.Any:
                sb.Append("any");
                if (Alternatives.Count > 0)
                {
                    sb.Append('<');
                    for (var i = 0; i < Alternatives.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        Alternatives[i].Write(sb);
                    }
                    sb.Append('>');
                }
                break;
            case TypeKind.Array:
                sb.Append("array[");
                (Element ?? AnyType).Write(sb);
                sb.Append(']');
                break;
            case TypeKind.Set:
                sb.Append("set[");
                (Element ?? AnyType).Write(sb);
                sb.Append(']');
                break;
            case TypeKind.Object:
                sb.Append("object[");
                (Key ?? AnyType).Write(sb);
                sb.Append(": ");
                (Element ?? AnyType).Write(sb);
                sb.Append(']');
                break;
            default:
                sb.Append(KindName(Kind));
                break;
        }
    }

    public static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Null => "null",
        TypeKind.Boolean => "boolean",
        TypeKind.Number => "number",
        TypeKind.String => "string",
        TypeKind.Array => "array",
        TypeKind.Object => "object",
        TypeKind.Set => "set",
        _ => "any",
    };
}
