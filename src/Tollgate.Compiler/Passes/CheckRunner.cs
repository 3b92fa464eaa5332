using Tollgate.Rego;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Text;

namespace Tollgate.Compiler.Passes;

/// <summary>Options of <c>tollgate check</c> (the flags of <c>opa check</c>).</summary>
public sealed class CheckOptions
{
    /// <summary>Parse as Rego v0 (<c>--v0-compatible</c>).</summary>
    public bool V0Compatible { get; init; }

    /// <summary><c>--strict</c>.</summary>
    public bool Strict { get; init; }

    /// <summary><c>--capabilities file.json</c>: only these builtins may be called.</summary>
    public string? CapabilitiesPath { get; init; }

    public int MaxErrors { get; init; } = 10;
}

/// <summary>What <c>tollgate check</c> found.</summary>
public sealed class CheckResult(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> files)
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>The .rego files that were checked.</summary>
    public IReadOnlyList<string> Files { get; } = files;

    public bool Success => Diagnostics.Count == 0;
}

/// <summary>
/// <c>tollgate check [--v0-compatible] [--strict] [--capabilities file] paths…</c>: parses every file (a
/// directory means its .rego files, recursively) and compiles them together, like <c>opa check</c>.
/// Parse errors stop before compiling, as OPA does.
/// </summary>
public static class CheckRunner
{
    public static CheckResult Run(IReadOnlyList<string> paths, CheckOptions? options = null)
    {
        options ??= new CheckOptions();
        var diagnostics = new List<Diagnostic>();
        var files = ExpandPaths(paths, diagnostics);
        Capabilities? capabilities = null;
        if (options.CapabilitiesPath != null)
        {
            try
            {
                capabilities = Capabilities.Load(options.CapabilitiesPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.CompileError, $"capabilities file {options.CapabilitiesPath}: {ex.Message}", default));
                return new CheckResult(diagnostics, files);
            }
        }
        var version = options.V0Compatible ? RegoVersion.V0 : RegoVersion.V1;
        var modules = new List<Module>(files.Count);
        var parseOptions = new ParseOptions { Version = version, MaxErrors = options.MaxErrors };
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.ParseError, ex.Message, new SourceLocation(file, 1, 1, 0, 0)));
                continue;
            }
            var parsed = RegoParser.ParseModule(text, file, parseOptions);
            diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.Value != null && parsed.Diagnostics.Count == 0) modules.Add(parsed.Value);
        }
        if (diagnostics.Count > 0) return new CheckResult(Limit(diagnostics, options.MaxErrors), files);

        var program = ProgramCompiler.Compile(modules, new CompileOptions
        {
            Version = version,
            Capabilities = capabilities,
            Strict = options.Strict,
            MaxErrors = options.MaxErrors,
        });
        return new CheckResult(program.Diagnostics, files);
    }

    private static List<Diagnostic> Limit(List<Diagnostic> diagnostics, int maxErrors)
    {
        diagnostics.Sort(DiagnosticBag.CompareByPosition);
        if (maxErrors > 0 && diagnostics.Count > maxErrors) diagnostics.RemoveRange(maxErrors, diagnostics.Count - maxErrors);
        return diagnostics;
    }

    private static List<string> ExpandPaths(IReadOnlyList<string> paths, List<Diagnostic> diagnostics)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.rego", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.ParseError, $"stat {path}: no such file or directory", default));
            }
        }
        return files;
    }
}
