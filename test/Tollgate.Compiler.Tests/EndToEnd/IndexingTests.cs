using Tollgate.Compiler.Tests.Planning;
using Tollgate.Compiler.Tests.Support;

namespace Tollgate.Compiler.Tests.EndToEnd;

/// <summary>Indexed and unindexed compilations of the same rules give the same answers.</summary>
public class IndexingTests
{
    [Theory]
    [InlineData("""{"path":"/x/0"}""", true)]
    [InlineData("""{"path":"/x/137"}""", true)]
    [InlineData("""{"path":"/x/299"}""", true)]
    [InlineData("""{"path":"/x/300"}""", false)]
    [InlineData("""{"path":7}""", false)]
    [InlineData("""{"user":"root"}""", true)]
    [InlineData("""{}""", false)]
    public void Indexed_and_plain_agree(string input, bool allowed)
    {
        var source = PlannerGoldenTests.IndexedPolicy(300);
        var want = "[{\"result\":" + (allowed ? "true" : "false") + "}]";
        foreach (var level in new[] { 0, 1 })
        {
            var compiled = RegoPolicy.Compile([source], entrypoints: ["t/allow"], optimization: level);
            using var run = new PolicyRunner(compiled.Wasm!);
            Assert.Equal(want, run.Eval("t/allow", input));
        }
    }
}
