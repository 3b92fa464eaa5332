using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Runtime;

/// <summary>
/// opa.runtime, trace and print. opa.runtime reports static facts only: the environment and configuration
/// of an edge node are not a tenant's business, so "env" and "config" are empty.
/// </summary>
internal static class RuntimeBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("opa.runtime", (_, _) => new JsonObject
        {
            ["version"] = typeof(RuntimeBuiltins).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            ["commit"] = string.Empty,
            ["env"] = new JsonObject(),
            ["config"] = new JsonObject(),
        });
        r.Register("trace", (a, _) =>
        {
            Args.String(a, 0, "trace");
            return JsonValue.Create(true);
        });
        r.Register("print", Print);
        r.Register("internal.print", InternalPrint);
    }

    /// <summary>print(x, y, …) as a host call: each operand's text, space-separated.</summary>
    private static JsonNode? Print(ReadOnlySpan<JsonNode?> a, BuiltinContext context)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < a.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            Append(sb, a[i]);
        }
        context.PrintSink?.Invoke(sb.ToString());
        return JsonValue.Create(true);
    }

    /// <summary>
    /// internal.print([s1, s2, …]): the compiler collects each operand's values into a set; an empty set
    /// prints as &lt;undefined&gt;.
    /// </summary>
    private static JsonNode? InternalPrint(ReadOnlySpan<JsonNode?> a, BuiltinContext context)
    {
        var operands = Args.Array(a, 0, "internal.print");
        var sb = new StringBuilder();
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            if (operands[i] is JsonArray values)
            {
                if (values.Count == 0)
                {
                    sb.Append("<undefined>");
                }
                for (var k = 0; k < values.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(' ');
                    }
                    Append(sb, values[k]);
                }
            }
            else
            {
                Append(sb, operands[i]);
            }
        }
        context.PrintSink?.Invoke(sb.ToString());
        return JsonValue.Create(true);
    }

    private static void Append(StringBuilder sb, JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
        {
            sb.Append(s);
            return;
        }
        RegoText.Write(sb, value);
    }
}
