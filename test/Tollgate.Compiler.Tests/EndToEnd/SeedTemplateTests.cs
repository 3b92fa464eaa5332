using Tollgate.Compiler.Tests.Support;

namespace Tollgate.Compiler.Tests.EndToEnd;

/// <summary>The seed's RBAC template with tenant 1001's data: compiled, sized and evaluated.</summary>
public class SeedTemplateTests
{
    private static string SharedFile(string relative)
    {
        // Tests run from test/…/bin/<config>/net10.0; the shared directory sits beside the checkout.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        var fixedPath = Path.Combine("/work/shared", relative);
        return File.Exists(fixedPath) ? fixedPath : throw new FileNotFoundException("shared seed file not found", relative);
    }

    public static string Template => File.ReadAllText(SharedFile("seed/templates/basic-rbac.rego")).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal);

    public static string Data => File.ReadAllText(SharedFile("seed/tenants/1001/data.json")).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal);

    [Fact]
    public void Module_is_small()
    {
        var compiled = RegoPolicy.Compile([Template], entrypoints: ["tenant/authz/allow", "tenant/authz/decision"]);
        Assert.True(compiled.Wasm!.Length < 150 * 1024, $"module is {compiled.Wasm.Length} bytes");
        Assert.Contains("time.now_ns", compiled.HostBuiltins);
    }

    [Theory]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u2"}}""", true)]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u2"}}""", false)]
    [InlineData("""{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"read","resource":{"type":"doc","owner":"u1"}}""", true)]
    [InlineData("""{"tenant_id":"1002","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u1"}}""", false)]
    public void Allow_answers_as_the_seed_expects(string input, bool allowed)
    {
        var compiled = RegoPolicy.Compile([Template], entrypoints: ["tenant/authz/allow"]);
        using var run = new PolicyRunner(compiled.Wasm!, Data);
        Assert.Equal("[{\"result\":" + (allowed ? "true" : "false") + "}]", run.Eval("tenant/authz/allow", input));
    }
}
