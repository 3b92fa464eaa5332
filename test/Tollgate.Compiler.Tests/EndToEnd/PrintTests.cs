using System.Text;
using Tollgate.Compiler.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Compiler.Tests.EndToEnd;

/// <summary>print(…) reaches the host's opa_println with the values of its arguments.</summary>
public class PrintTests
{
    [Fact]
    public void Print_sends_the_argument_values_to_the_host()
    {
        const string policy = """
            package t
            p if {
                print("user", input.user, input.missing)
            }
            """;
        var compiled = RegoPolicy.Compile([policy], entrypoints: ["t/p"]);
        using var engine = new PolicyEngine();
        using var pool = engine.CreatePool(engine.LoadModule(compiled.Wasm!), "{}"u8);
        var lines = new List<string>();
        var result = pool.Evaluate("t/p", """{"user":"alice"}"""u8, new EvaluationOptions { Print = lines.Add });
        Assert.Equal("[{\"result\":true}]", Encoding.UTF8.GetString(result));
        var line = Assert.Single(lines);
        Assert.Contains("alice", line, StringComparison.Ordinal);
        Assert.Contains("<undefined>", line, StringComparison.Ordinal);
    }
}
