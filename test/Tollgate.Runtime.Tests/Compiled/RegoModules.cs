using Tollgate.Compiler;

namespace Tollgate.Runtime.Tests.Compiled;

/// <summary>Real modules from Tollgate's compiler, for host behaviour that depends on the real value model.</summary>
internal static class RegoModules
{
    public static byte[] Compile(string rego, string entrypoint, bool strictBuiltinErrors = false)
    {
        var request = new CompileRequest { OptimizationLevel = 2, StrictBuiltinErrors = strictBuiltinErrors };
        request.Modules.Add(new SourceFile { Name = "test-0.rego", Text = rego });
        request.Entrypoints.Add(entrypoint);
        var result = PolicyCompiler.Compile(request);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Wasm!;
    }
}
