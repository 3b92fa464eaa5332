using System.Diagnostics;

using Tollgate.Compiler.CodeGen;
using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Compiler.Planning;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Wasm;

namespace Tollgate.Compiler;

/// <summary>Rego sources → a wasm module following OPA's ABI: parse, compile passes, plan, generate, link.</summary>
public static class PolicyCompiler
{
    /// <summary>The runtime library embedded in this assembly (null when the build had none).</summary>
    public static byte[]? RuntimeLibrary => EmbeddedRuntime.Bytes;

    /// <summary>Builtins that need the network; an edge build that calls one is refused with a clear error.</summary>
    private static readonly HashSet<string> NotAtTheEdge = new(StringComparer.Ordinal) { "http.send", "net.lookup_ip_addr", "providers.aws.sign_req" };

    public static CompileResult Compile(CompileRequest request)
    {
        var sw = Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        var empty = new Dictionary<string, int>();
        try
        {
            var modules = new List<Module>();
            foreach (var file in request.Modules)
            {
                var module = SourceParsing.ParseModule(file, request.Version, diagnostics);
                if (module != null) modules.Add(module);
            }
            Body? query = null;
            string? queryName = null;
            if (request.Queries.Count > 1)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.CompileError, "only one query entrypoint per module is supported", default));
            }
            else if (request.Queries.Count == 1)
            {
                queryName = request.Queries[0].Key;
                query = SourceParsing.ParseQuery(request.Queries[0].Value, request.Version, diagnostics);
            }
            if (diagnostics.Count > 0) return Failed(diagnostics, sw);

            var options = new CompileOptions
            {
                Version = request.Version,
                Capabilities = request.CapabilitiesPath != null ? Capabilities.Load(request.CapabilitiesPath) : null,
            };
            var compiled = query != null
                ? ProgramCompiler.CompileWithQuery(modules, query, options)
                : ProgramCompiler.Compile(modules, options);
            if (!compiled.Success) return Failed([.. compiled.Diagnostics], sw);

            var runtime = RuntimeLibrary;
            if (runtime == null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.CompileError, "the runtime library (runtime/dist/tollgate-runtime.wasm) was not embedded in this build", default));
                return Failed(diagnostics, sw);
            }
            var linker = new ModuleLinker(runtime);
            var capabilities = compiled.Capabilities;
            var planner = new Planner(compiled, new PlannerOptions
            {
                Indexing = request.OptimizationLevel > 0,
                StrictBuiltinErrors = request.StrictBuiltinErrors,
                BuiltinArity = name => capabilities.Find(name)?.Arity,
                IsRuntimeBuiltin = name => linker.FindExport("tg.builtin." + name) != null,
            });
            foreach (var ep in request.Entrypoints)
            {
                planner.AddDocumentEntrypoint(ep, ep.Split('/', StringSplitOptions.RemoveEmptyEntries));
            }
            if (compiled.Query != null) planner.AddQueryEntrypoint(queryName!, compiled.Query, compiled.QueryVars);
            var program = planner.Program;
            if (!request.AllowNonEdgeBuiltins)
            {
                foreach (var name in program.HostBuiltins)
                {
                    if (NotAtTheEdge.Contains(name))
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.TypeError,
                            $"{name} is not available at the edge: policies built for Tollgate's edge cannot do network I/O (see docs/builtins.md)", default));
                    }
                }
                if (diagnostics.Count > 0) return Failed(diagnostics, sw);
            }
            var link = new WasmCodeGenerator(linker, program).Generate(request.EmbeddedDataJson);
            var entrypoints = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < program.Entrypoints.Count; i++) entrypoints[program.Entrypoints[i].Name] = i;
            return new CompileResult(link.Bytes, compiled.Diagnostics, entrypoints, program.HostBuiltins, sw.Elapsed, null);
        }
        catch (PlanningException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.CompileError, ex.Message, ex.Location));
            return Failed(diagnostics, sw);
        }
        catch (Exception ex) when (ex is InvalidOperationException or WasmFormatException or NotSupportedException or KeyNotFoundException)
        {
            // A construct the code generator cannot handle: reported, never thrown at the caller.
            diagnostics.Add(new Diagnostic(DiagnosticCodes.CompileError, "internal compiler error: " + ex.Message, default));
            return Failed(diagnostics, sw);
        }
    }

    /// <summary>Plans without generating code: the IR as text, for tests and `tollgate` debugging.</summary>
    public static IrProgram Plan(CompiledProgram compiled, IReadOnlyList<string> entrypoints, bool indexing = true)
    {
        var capabilities = compiled.Capabilities;
        var runtime = RuntimeLibrary;
        var linker = runtime != null ? new ModuleLinker(runtime) : null;
        var planner = new Planner(compiled, new PlannerOptions
        {
            Indexing = indexing,
            BuiltinArity = name => capabilities.Find(name)?.Arity,
            IsRuntimeBuiltin = name => linker?.FindExport("tg.builtin." + name) != null,
        });
        foreach (var ep in entrypoints) planner.AddDocumentEntrypoint(ep, ep.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return planner.Program;
    }

    private static CompileResult Failed(List<Diagnostic> diagnostics, Stopwatch sw) =>
        new(null, diagnostics, new Dictionary<string, int>(), [], sw.Elapsed, null);
}
