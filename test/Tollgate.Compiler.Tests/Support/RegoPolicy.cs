using Tollgate.Compiler;

namespace Tollgate.Compiler.Tests.Support;

/// <summary>Compiles Rego through the whole pipeline and runs it in the host.</summary>
public static class RegoPolicy
{
    public const string Query = "q";

    public static CompileResult Compile(string[] modules, string[]? entrypoints = null, string? query = null, int optimization = 1, bool strict = false)
    {
        var request = new CompileRequest { OptimizationLevel = optimization, StrictBuiltinErrors = strict };
        for (var i = 0; i < modules.Length; i++) request.Modules.Add(new SourceFile { Name = $"m{i}.rego", Text = modules[i] });
        foreach (var ep in entrypoints ?? []) request.Entrypoints.Add(ep);
        if (query != null) request.Queries.Add(new KeyValuePair<string, string>(Query, query));
        var result = PolicyCompiler.Compile(request);
        if (!result.Success)
        {
            throw new InvalidOperationException("compile failed: " + string.Join("; ", result.Diagnostics));
        }
        return result;
    }

    /// <summary>Evaluates a query and returns the raw result set JSON.</summary>
    public static string EvalQuery(string module, string query, string input = "null", string data = "{}", bool strict = false)
    {
        var compiled = Compile([module], query: query, strict: strict);
        using var run = new PolicyRunner(compiled.Wasm!, data);
        return run.Eval(Query, input, strict);
    }

    /// <summary>Evaluates an entrypoint and returns the raw result set JSON.</summary>
    public static string EvalEntrypoint(string module, string entrypoint, string input = "null", string data = "{}")
    {
        var compiled = Compile([module], entrypoints: [entrypoint]);
        using var run = new PolicyRunner(compiled.Wasm!, data);
        return run.Eval(entrypoint, input);
    }
}
