using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>Parses Rego sources and runs the compile passes over them.</summary>
internal static class PassTestHelper
{
    public static Module Parse(string source, string file = "test.rego", RegoVersion version = RegoVersion.V1)
    {
        var result = RegoParser.ParseModule(source, file, new ParseOptions { Version = version });
        Assert.True(result.Success, "parse failed: " + string.Join("; ", result.Diagnostics));
        return result.Value!;
    }

    public static CompiledProgram Compile(string source, CompileOptions? options = null) =>
        ProgramCompiler.Compile([Parse(source)], options);

    public static CompiledProgram Compile(params string[] sources)
    {
        var modules = new List<Module>();
        for (var i = 0; i < sources.Length; i++) modules.Add(Parse(sources[i], $"m{i}.rego"));
        return ProgramCompiler.Compile(modules);
    }

    public static CompiledProgram CompileQuery(string query, params string[] sources)
    {
        var modules = new List<Module>();
        for (var i = 0; i < sources.Length; i++) modules.Add(Parse(sources[i], $"m{i}.rego"));
        var parsed = RegoParser.ParseQuery(query, "query.rego");
        Assert.True(parsed.Success, "query parse failed: " + string.Join("; ", parsed.Diagnostics));
        return ProgramCompiler.CompileWithQuery(modules, parsed.Value!);
    }

    /// <summary>The diagnostics as "code: message" lines, for assertions.</summary>
    public static List<string> Errors(CompiledProgram program)
    {
        var list = new List<string>();
        foreach (var d in program.Diagnostics) list.Add($"{d.Code}: {d.Message}");
        return list;
    }

    public static string SingleError(string source)
    {
        var program = Compile(source);
        Assert.False(program.Success, "expected an error, got none:\n" + NormalFormPrinter.Print(program));
        return string.Join("\n", Errors(program));
    }
}
