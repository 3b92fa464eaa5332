using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins;
using Tollgate.Runtime.Tests.Builtins.Conformance;

namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>Every builtin in OPA's capabilities file is supplied by the host, or listed here with the reason it is not.</summary>
public sealed class CatalogueCoverageTests
{
    /// <summary>Never at the edge (the reasons are repeated in docs/builtins.md).</summary>
    private static readonly Dictionary<string, string> Absent = new(StringComparer.Ordinal)
    {
        ["http.send"] = "network access from policies is not offered at the edge",
        ["net.lookup_ip_addr"] = "DNS lookups are not offered at the edge",
        ["providers.aws.sign_req"] = "signs requests for http.send, which is absent",
        ["rego.parse_module"] = "needs the Rego front end, which Tollgate.Runtime does not reference",
        ["rego.metadata.chain"] = "annotations are resolved by the compiler at build time",
        ["rego.metadata.rule"] = "annotations are resolved by the compiler at build time",
        ["internal.test_case"] = "test-runner hook of `opa test`",
        ["internal.member_2"] = "the `in` operator; always compiled into the module",
        ["internal.member_3"] = "the `in` operator with a key; always compiled into the module",
        ["assign"] = "the := operator; compiled, never called",
    };

    [Fact]
    public void Every_capability_is_registered_or_documented_as_absent()
    {
        var path = Path.Combine(BuiltinCaseLoader.Root, "../../reference/opa-builtins-capabilities.json");
        var registry = BuiltinRegistry.CreateDefault();
        var missing = new List<string>();
        foreach (var builtin in JsonNode.Parse(File.ReadAllText(path))!["builtins"]!.AsArray())
        {
            var name = builtin!["name"]!.GetValue<string>();
            if (!registry.Contains(name) && !Absent.ContainsKey(name))
            {
                missing.Add(name);
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Absent_builtins_are_not_registered()
    {
        var registry = BuiltinRegistry.CreateDefault();
        foreach (var name in Absent.Keys)
        {
            Assert.False(registry.Contains(name), name);
        }
    }
}
