using System.Text.Json;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// A verification case shipped with a revision: evaluating <see cref="Entrypoint"/> on <see cref="InputJson"/>
/// must give <see cref="ExpectJson"/> (or be undefined when <see cref="ExpectUndefined"/>).
/// </summary>
public sealed record SmokeCase(string? Entrypoint, string InputJson, string? ExpectJson, bool ExpectUndefined)
{
    /// <summary>Reads <c>[{"input": …, "entrypoint": "…", "expect": …}]</c> (also accepts "expect_undefined": true).</summary>
    public static IReadOnlyList<SmokeCase> ParseList(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        return FromElement(doc.RootElement);
    }

    public static IReadOnlyList<SmokeCase> FromElement(JsonElement array)
    {
        if (array.ValueKind == JsonValueKind.Null || array.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("smoke cases must be a JSON array");
        }
        var cases = new List<SmokeCase>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("each smoke case must be an object");
            }
            var input = item.TryGetProperty("input", out var i) ? i.GetRawText() : "{}";
            string? entrypoint = item.TryGetProperty("entrypoint", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var undefined = item.TryGetProperty("expect_undefined", out var u) && u.ValueKind == JsonValueKind.True;
            string? expect = item.TryGetProperty("expect", out var x) ? x.GetRawText() : null;
            if (expect is null && !undefined)
            {
                throw new FormatException("a smoke case needs \"expect\" or \"expect_undefined\": true");
            }
            cases.Add(new SmokeCase(entrypoint?.Trim('/'), input, expect, undefined));
        }
        return cases;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Entrypoint is not null)
        {
            writer.WriteString("entrypoint", Entrypoint);
        }
        writer.WritePropertyName("input");
        writer.WriteRawValue(InputJson);
        if (ExpectJson is not null)
        {
            writer.WritePropertyName("expect");
            writer.WriteRawValue(ExpectJson);
        }
        if (ExpectUndefined)
        {
            writer.WriteBoolean("expect_undefined", true);
        }
        writer.WriteEndObject();
    }
}
