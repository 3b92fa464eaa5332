using System.Text;
using Tollgate.Runtime;

namespace Tollgate.Compiler.Tests.Support;

/// <summary>Loads a compiled module into Tollgate's host and evaluates entrypoints (JSON in, JSON out).</summary>
public sealed class PolicyRunner : IDisposable
{
    private static readonly Lazy<PolicyEngine> SharedEngine = new(() => new PolicyEngine());
    private readonly PolicyInstancePool _pool;

    public PolicyRunner(byte[] wasm, string dataJson = "{}")
    {
        var module = SharedEngine.Value.LoadModule(wasm);
        _pool = SharedEngine.Value.CreatePool(module, Encoding.UTF8.GetBytes(dataJson));
    }

    /// <summary>The raw result set, e.g. <c>[{"result":true}]</c>.</summary>
    public string Eval(string entrypoint, string inputJson = "null", bool strict = false) =>
        Encoding.UTF8.GetString(_pool.Evaluate(entrypoint, Encoding.UTF8.GetBytes(inputJson), new EvaluationOptions { StrictBuiltinErrors = strict }));

    public void Dispose() => _pool.Dispose();
}
