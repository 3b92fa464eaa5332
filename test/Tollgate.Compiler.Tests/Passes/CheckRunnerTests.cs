using System.Text.Json;
using Tollgate.Compiler.Passes;

namespace Tollgate.Compiler.Tests.Passes;

public sealed class CheckRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tollgate-check-" + Guid.NewGuid().ToString("N"));

    public CheckRunnerTests() => Directory.CreateDirectory(Path.Combine(_dir, "sub"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Directory_is_checked_recursively_and_files_compile_together()
    {
        Write("a.rego", "package a\nimport rego.v1\np if data.b.q");
        Write(Path.Combine("sub", "b.rego"), "package b\nimport rego.v1\nq if input.x");
        var result = CheckRunner.Run([_dir]);
        Assert.Equal(2, result.Files.Count);
        Assert.True(result.Success, CheckReportFormatter.FormatText(result.Diagnostics));
    }

    [Fact]
    public void Errors_print_like_opa_check()
    {
        var file = Write("bad.rego", "package a\np if { x }\nq if { y }");
        var result = CheckRunner.Run([file]);
        Assert.Equal(
            $"2 errors occurred:\n{file}:2: rego_unsafe_var_error: var x is unsafe\n{file}:3: rego_unsafe_var_error: var y is unsafe",
            CheckReportFormatter.FormatText(result.Diagnostics));
        Assert.Equal($"1 error occurred: {file}:2: rego_unsafe_var_error: var x is unsafe",
            CheckReportFormatter.FormatText([result.Diagnostics[0]]));
    }

    [Fact]
    public void Json_has_opa_shape()
    {
        var file = Write("bad.rego", "package a\np if { x }");
        var json = CheckReportFormatter.FormatJson(CheckRunner.Run([file]).Diagnostics);
        using var doc = JsonDocument.Parse(json);
        var error = doc.RootElement.GetProperty("errors")[0];
        Assert.Equal("rego_unsafe_var_error", error.GetProperty("code").GetString());
        Assert.Equal("var x is unsafe", error.GetProperty("message").GetString());
        Assert.Equal(file, error.GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(2, error.GetProperty("location").GetProperty("row").GetInt32());
        Assert.Equal(8, error.GetProperty("location").GetProperty("col").GetInt32());
    }

    [Fact]
    public void Parse_errors_are_reported_before_compiling()
    {
        var file = Write("broken.rego", "package a\np if {");
        var result = CheckRunner.Run([file]);
        Assert.False(result.Success);
        Assert.All(result.Diagnostics, d => Assert.Equal("rego_parse_error", d.Code));
    }

    [Fact]
    public void V0_syntax_needs_the_flag()
    {
        var file = Write("v0.rego", "package a\np[x] { x := input.xs[_] }");
        Assert.False(CheckRunner.Run([file]).Success);
        var v0 = CheckRunner.Run([file], new CheckOptions { V0Compatible = true });
        Assert.True(v0.Success, CheckReportFormatter.FormatText(v0.Diagnostics));
    }

    [Fact]
    public void Capabilities_file_restricts_builtins()
    {
        var caps = Write("caps.json", """{"builtins":[{"name":"eq","decl":{"type":"function","args":[{"type":"any"},{"type":"any"}],"result":{"type":"boolean"}}},{"name":"assign","decl":{"type":"function","args":[{"type":"any"},{"type":"any"}],"result":{"type":"boolean"}}}]}""");
        var file = Write("p.rego", "package a\np if { x := count(input.xs); x == 1 }");
        var result = CheckRunner.Run([file], new CheckOptions { CapabilitiesPath = caps });
        var messages = new List<string>();
        foreach (var d in result.Diagnostics) messages.Add(d.Message);
        Assert.Contains("undefined function count", messages);
        Assert.Contains("undefined function equal", messages);
    }

    [Fact]
    public void Strict_mode_reports_unused_imports_and_locals()
    {
        var file = Write("s.rego", "package a\nimport data.x.y\nimport data.x.y\np if { z := 1; true }");
        Assert.True(CheckRunner.Run([file]).Success);
        var result = CheckRunner.Run([file], new CheckOptions { Strict = true });
        var messages = new List<string>();
        foreach (var d in result.Diagnostics) messages.Add($"{d.Code}: {d.Message}");
        Assert.Contains("rego_compile_error: import data.x.y unused", messages);
        Assert.Contains("rego_compile_error: import must not shadow import data.x.y", messages);
        Assert.Contains("rego_compile_error: assigned var z unused", messages);
    }

    [Fact]
    public void Strict_mode_reports_deprecated_builtins()
    {
        var file = Write("d.rego", "package a\np if { any([true]) }");
        var result = CheckRunner.Run([file], new CheckOptions { Strict = true });
        Assert.Contains(result.Diagnostics, d => d.Message == "deprecated built-in function calls in expression: any");
    }

    [Fact]
    public void Missing_path_is_an_error()
    {
        var result = CheckRunner.Run([Path.Combine(_dir, "nope.rego")]);
        Assert.False(result.Success);
    }
}
