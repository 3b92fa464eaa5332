using System.Text.Json;

namespace Tollgate.Edge.Tenants;

/// <summary>Semantic JSON equality (object key order ignored, numbers compared by value) for smoke cases.</summary>
public static class JsonValueEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(property.Name, out var other) || !AreEqual(property.Value, other))
                    {
                        return false;
                    }
                }
                var countB = 0;
                foreach (var unused in b.EnumerateObject())
                {
                    countB++;
                }
                return count == countB;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }
                using (var ea = a.EnumerateArray().GetEnumerator())
                using (var eb = b.EnumerateArray().GetEnumerator())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (!AreEqual(ea.Current, eb.Current))
                        {
                            return false;
                        }
                    }
                }
                return true;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Number:
                if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db))
                {
                    return da == db;
                }
                return a.GetDouble().Equals(b.GetDouble());
            default:
                return true; // true, false, null: same kind is same value
        }
    }
}
