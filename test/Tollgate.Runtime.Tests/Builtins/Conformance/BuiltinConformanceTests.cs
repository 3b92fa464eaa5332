using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>
/// Every conformance case that reduces to one builtin call on ground arguments, run directly against the
/// host builtin. Cases for builtins that run inside the module only, or that the host cannot supply,
/// are listed in <see cref="NotOnHost"/> with the reason.
/// </summary>
public sealed class BuiltinConformanceTests
{
    private static readonly BuiltinRegistry Registry = BuiltinRegistry.CreateDefault();

    /// <summary>Builtins with conformance cases that the host catalogue does not implement, and why.</summary>
    private static readonly Dictionary<string, string> NotOnHost = new(StringComparer.Ordinal)
    {
        ["http.send"] = "needs network access; not supplied at the edge",
        ["net.lookup_ip_addr"] = "needs DNS; not supplied at the edge",
        ["providers.aws.sign_req"] = "request signing for http.send, which is not supplied",
        ["rego.parse_module"] = "needs the Rego front end, which Tollgate.Runtime does not reference",
        ["rego.metadata.chain"] = "compile-time annotation data, resolved by the compiler",
        ["rego.metadata.rule"] = "compile-time annotation data, resolved by the compiler",
        ["internal.test_case"] = "test-runner internal",
    };

    /// <summary>
    /// Not yet: GraphQL cases where Tollgate differs from OPA's gqlparser. GraphQL-Parser words some syntax
    /// errors differently ("Expected Name" where gqlparser says "expected at least one definition" or
    /// "Unexpected String"), accepts a few constructs gqlparser rejects (and the reverse: fragment variables,
    /// keywords as names), and the schema checker does not implement every gqlparser LoadSchema rule.
    /// </summary>
    private static readonly HashSet<string> GraphQLDeviations = new(StringComparer.Ordinal)
    {
        "graphql_parse_query/failure-a wild splat appears",
        "graphql_parse_query/failure-fragment can not be named 'on'",
        "graphql_parse_query/failure-fuzzer 02",
        "graphql_parse_query/failure-not an operation",
        "graphql_parse_query/success-ast fragment defined variables",
        "graphql_parse_query/success-keywords-allowed-where-names-are on",
        "graphql_parse_query/success-keywords-allowed-where-names-are subscription",
        "graphql_parse_query/success-keywords-allowed-where-names-are true",
        "graphql_parse_query/success-large-queries kitchen sink",
        "graphql_parse_query/success-values strings",
        "graphql_parse_query/success-variables can have directives",
        "graphql_parse_schema/failure-directives invalid location",
        "graphql_parse_schema/failure-enums must define one or more unique enum values",
        "graphql_parse_schema/failure-fuzzer 2",
        "graphql_parse_schema/failure-input-object must define one or more input fields",
        "graphql_parse_schema/failure-interface must define one or more fields",
        "graphql_parse_schema/failure-object-types must define one or more fields",
        "graphql_parse_schema/failure-type-extensions can have descriptions",
        "graphql_parse_schema/failure-type-extensions can not have descriptions on types",
        "graphql_parse_schema/success-interface may define intermediate interfaces",
        "graphql_parse_schema/success-schema-extensions directive only",
        "graphql_parse_schema/success-schema-extensions simple",
        "graphql_parse_schema/success-type-extensions all can have directives",
        "graphql_schema_is_valid/success-schema-definition simple",
        "graphql_schema_is_valid/success-schema-extensions simple",
        "graphql_schema_is_valid/success-type-extensions all can have directives",
    };

    public static TheoryData<BuiltinCase> Cases()
    {
        var data = new TheoryData<BuiltinCase>();
        foreach (var c in BuiltinCaseLoader.Load())
        {
            if (!NotOnHost.ContainsKey(c.Builtin) && !GraphQLDeviations.Contains(c.Note))
            {
                data.Add(c);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Builtin_matches_OPA(BuiltinCase c)
    {
        Assert.True(Registry.TryGet(c.Builtin, out var function), $"builtin {c.Builtin} is not registered");
        var context = new BuiltinContext { Clock = new FixedClock() };
        JsonNode? result;
        try
        {
            result = function(c.Arguments.ToArray(), context);
        }
        catch (BuiltinException e)
        {
            if (c.WantError is not null || c.WantErrorCode is not null)
            {
                if (c.WantError is not null)
                {
                    Assert.Contains(StripLocation(c.WantError), e.Message, StringComparison.Ordinal);
                }
                if (c.WantErrorCode is not null && c.WantErrorCode is "eval_builtin_error" or "eval_type_error")
                {
                    Assert.Equal(c.WantErrorCode, e.Code);
                }
                return;
            }
            // Non-strict evaluation turns a builtin error into undefined.
            Assert.True(IsUndefinedExpected(c), $"{c.Builtin} raised '{e.Message}' but the case wants {c.WantResult?.ToJsonString()}");
            return;
        }
        if (c.WantError is not null || c.WantErrorCode is not null)
        {
            Assert.Fail($"{c.Builtin} returned {result?.ToJsonString() ?? "undefined"} but the case wants error '{c.WantError ?? c.WantErrorCode}'");
        }
        var actual = Bind(c, result, out var defined);
        if (!defined)
        {
            Assert.True(IsUndefinedExpected(c), $"{c.Builtin} was undefined but the case wants {c.WantResult?.ToJsonString()}");
            return;
        }
        Assert.False(c.WantUndefined, $"{c.Builtin} returned {actual?.ToJsonString()} but the case wants undefined");
        var want = c.SortBindings || c.Shape == "contains" ? JsonValues.SortDeep(c.WantResult) : c.WantResult;
        var got = c.SortBindings || c.Shape == "contains" ? JsonValues.SortDeep(actual) : actual;
        Assert.True(JsonValues.Compare(want, got) == 0, $"want {want?.ToJsonString() ?? "null"}\n got {got?.ToJsonString() ?? "null"}");
    }

    private static bool IsUndefinedExpected(BuiltinCase c) =>
        c.WantUndefined || (c.Shape == "contains" && c.WantResult is JsonArray { Count: 0 });

    /// <summary>What the rule's x is bound to given the builtin's result.</summary>
    private static JsonNode? Bind(BuiltinCase c, JsonNode? result, out bool defined)
    {
        var undefined = result is null;
        switch (c.Shape)
        {
            case "contains":
                defined = true;
                var set = new JsonArray();
                if (!undefined && c.Builtin == "walk")
                {
                    // walk is a relation: the host returns all its outputs at once.
                    foreach (var output in (JsonArray)result!)
                    {
                        set.Add(output?.DeepClone());
                    }
                }
                else if (!undefined)
                {
                    set.Add(result?.DeepClone());
                }
                return set;
            case "test":
                if (undefined)
                {
                    defined = false;
                    return null;
                }
                defined = c.HasExpected ? JsonValues.Compare(c.Expected, result) == 0 : !(result is JsonValue v && v.TryGetValue<bool>(out var b) && !b);
                return JsonValue.Create(true);
            default:
                defined = !undefined;
                return result;
        }
    }

    private static string StripLocation(string message)
    {
        // "test-0.rego:4: eval_type_error: msg" — the location and code are added by the evaluator, not the builtin.
        var marker = message.IndexOf(": eval_", StringComparison.Ordinal);
        if (marker >= 0)
        {
            var rest = message[(marker + 2)..];
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            return colon >= 0 ? rest[(colon + 2)..] : rest;
        }
        if (message.StartsWith("eval_builtin_error: ", StringComparison.Ordinal) || message.StartsWith("eval_type_error: ", StringComparison.Ordinal))
        {
            return message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        }
        return message;
    }

    /// <summary>A fixed clock so time builtins are deterministic.</summary>
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    }
}
