using System.Text;
using BenchmarkDotNet.Attributes;
using Tollgate.Compiler;
using Tollgate.Runtime;

namespace Tollgate.Benchmarks;

/// <summary>
/// The whole compiler (parse → passes → plan → codegen → link) on the seed's RBAC template (target:
/// under 20 ms), and evaluation of a 1,000-rule policy (`allow if input.path == "/x/N"`) compiled with
/// rule indexing (OptimizationLevel 1) and without (0): indexing turns 1,000 checks into one lookup.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private const int RuleCount = 1000;
    private string _template = "";
    private PolicyEngine? _engine;
    private PolicyInstancePool? _indexed;
    private PolicyInstancePool? _plain;
    private readonly byte[] _input = Encoding.UTF8.GetBytes("""{"path":"/x/777"}""");

    [GlobalSetup]
    public void Setup()
    {
        _template = File.ReadAllText(SharedPath("seed/templates/basic-rbac.rego")).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal);
        _engine = new PolicyEngine();
        _indexed = Pool(1);
        _plain = Pool(0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _indexed?.Dispose();
        _plain?.Dispose();
        _engine?.Dispose();
    }

    [Benchmark]
    public int CompileRbacTemplate()
    {
        var request = new CompileRequest();
        request.Modules.Add(new SourceFile { Name = "basic-rbac.rego", Text = _template });
        request.Entrypoints.Add("tenant/authz/allow");
        request.Entrypoints.Add("tenant/authz/decision");
        var result = PolicyCompiler.Compile(request);
        return result.Wasm?.Length ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
    }

    [Benchmark(Baseline = true)]
    public int EvaluateThousandRulesPlain() => _plain!.Evaluate("t/allow", _input).Length;

    [Benchmark]
    public int EvaluateThousandRulesIndexed() => _indexed!.Evaluate("t/allow", _input).Length;

    private PolicyInstancePool Pool(int optimization)
    {
        var sb = new StringBuilder("package t\n\ndefault allow := false\n\n");
        for (var i = 0; i < RuleCount; i++) sb.Append("allow if input.path == \"/x/").Append(i).Append("\"\n");
        var request = new CompileRequest { OptimizationLevel = optimization };
        request.Modules.Add(new SourceFile { Name = "rules.rego", Text = sb.ToString() });
        request.Entrypoints.Add("t/allow");
        var result = PolicyCompiler.Compile(request);
        var wasm = result.Wasm ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
        return _engine!.CreatePool(_engine.LoadModule(wasm), "{}"u8);
    }

    private static string SharedPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.Combine("/work/shared", relative);
    }
}
