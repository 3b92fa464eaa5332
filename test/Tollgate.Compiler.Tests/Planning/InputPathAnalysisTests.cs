using System.Text;
using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Tests.EndToEnd;
using Tollgate.Compiler.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Compiler.Tests.Planning;

/// <summary>
/// Input paths (tollgate_codegen.h): which parts of the input an entrypoint observes, and evaluation with the
/// input built along them answering as with the whole input (and rejecting the same bad input).
/// </summary>
public class InputPathAnalysisTests
{
    // Members in key order; a member observed whole is its bare key, one observed through its own members is
    // key{...}; "whole" is an entrypoint that observes all of the input.
    private static string Paths(string source, string entrypoint = "t/allow")
    {
        var root = InputPathAnalysis.Analyse(PlannerGoldenTests.Plan(source, entrypoint))[0];
        return root is null ? "whole" : Describe(root);
    }

    private static string Describe(InputPathNode node)
    {
        var keys = new List<string>(node.Members.Keys);
        keys.Sort(StringComparer.Ordinal);
        var sb = new StringBuilder("{");
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (i > 0) sb.Append(',');
            sb.Append(key);
            if (!node.Members[key].Whole) sb.Append(Describe(node.Members[key]));
        }
        return sb.Append('}').ToString();
    }

    [Fact]
    public void Seed_allow_reads_five_leaves()
    {
        var seed = SeedTemplateTests.Template;
        Assert.Equal("{action,resource{owner},tenant_id,user{id,role}}", Paths(seed, "tenant/authz/allow"));
        Assert.Equal("{action,resource{owner,type},tenant_id,user{id,role}}", Paths(seed, "tenant/authz/decision"));
    }

    [Theory]
    // Input used as a value, or replaced with `with`: the whole input.
    [InlineData("package t\nallow if input", "whole")]
    [InlineData("package t\nallow if count(input) > 1", "whole")]
    [InlineData("package t\nallow if { some k, _ in input; k == \"a\" }", "whole")]
    [InlineData("package t\nallow if q with input as {\"a\": 1}\nq if input.a == 1", "whole")]
    [InlineData("package t\nallow if q with input.a as 1\nq if input.a == 1", "whole")]
    // A value used as a value is observed whole; constant keys below it go deeper.
    [InlineData("package t\nallow if input.user == {\"id\": 1}", "{user}")]
    [InlineData("package t\nallow if { some r in input.user.roles; r == \"x\" }", "{user{roles}}")]
    // (The compiler propagates constants and copies: these read input.user.id and input.a.)
    [InlineData("package t\nallow if { k := \"id\"; input.user[k] == 1 }", "{user{id}}")]
    [InlineData("package t\nallow if { x := input; x.a == 1 }", "{a}")]
    [InlineData("package t\nallow if { some k; input.user[k] == 1 }", "{user}")]
    [InlineData("package t\nallow if input.a.b.c == input.a.d", "{a{b{c},d}}")]
    [InlineData("package t\nallow if input.items[0] == 1", "{items}")]
    [InlineData("package t\nallow if not input.user.banned", "{user{banned}}")]
    [InlineData("package t\nallow if data.roles[input.user.role]", "{user{role}}")]
    // Only defined-ness of a member: the member is kept, none of its members.
    [InlineData("package t\nallow if input.user", "{user}")]
    // Rules and functions called with input are followed; their arguments are values.
    [InlineData("package t\nallow if is_admin\nis_admin if input.user.role == \"admin\"", "{user{role}}")]
    [InlineData("package t\nallow if f(input.x)\nf(v) if v == input.y.z", "{x,y{z}}")]
    [InlineData("package t\nallow if r == 1\nr := input.r", "{r}")]
    // Keys that need care in the static table: empty, non-ASCII, escapes.
    [InlineData("package t\nallow if input[\"\"] == input[\"é\"]", "{,é}")]
    public void Paths_of_policies(string source, string expected) => Assert.Equal(expected, Paths(source));

    private static byte[] Seed() => RegoPolicy.Compile([SeedTemplateTests.Template], entrypoints: ["tenant/authz/allow", "tenant/authz/decision"]).Wasm!;

    [Theory]
    // Members off every path, of every kind, change nothing.
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin","x":[1,{"y":2}]},"action":"write","resource":{"type":"doc","owner":"u2","z":null},"extra":{"a":[true,false,1.5e3,"s\n"]}}""", "true")]
    // Duplicate members: the last wins, on the path and off it.
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"read","resource":{"owner":"u2"},"resource":{"owner":"u1"}}""", "true")]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","action":"nope"}""", "false")]
    // Keys written with escapes name the same member.
    [InlineData("""{"tenant_\u0069d":"1001","user":{"id":"u1","role":"admin"},"action":"write"}""", "true")]
    // A member on a path that is not an object: the paths below it are undefined, as with the whole input.
    [InlineData("""{"tenant_id":"1001","user":"admin","action":"write"}""", "false")]
    [InlineData("""[{"tenant_id":"1001"}]""", "false")]
    public void Seed_answers_as_with_the_whole_input(string input, string allowed)
    {
        using var run = new PolicyRunner(Seed(), SeedTemplateTests.Data);
        Assert.Equal("[{\"result\":" + allowed + "}]", run.Eval("tenant/authz/allow", input));
    }

    [Theory]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","extra":[1,}""")]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin","x":tru},"action":"write"}""")]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"a	b"}}""")]
    [InlineData("""{"tenant_id":"1001","action":"write"} trailing""")]
    public void Bad_input_off_the_paths_is_still_rejected(string input)
    {
        using var run = new PolicyRunner(Seed(), SeedTemplateTests.Data);
        Assert.Throws<PolicyInputException>(() => run.Eval("tenant/authz/allow", input));
    }
}
