using Tollgate.Compiler.TypeChecking;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Runs the compile passes over parsed modules (and optionally a query), rewriting them in place into the
/// normal form of docs/compiler-normal-form.md, and collects every diagnostic.
/// </summary>
public static class ProgramCompiler
{
    public static CompiledProgram Compile(IReadOnlyList<Module> modules, CompileOptions? options = null) =>
        Run(modules, null, options ?? new CompileOptions());

    public static CompiledProgram CompileWithQuery(IReadOnlyList<Module> modules, Body query, CompileOptions? options = null) =>
        Run(modules, query, options ?? new CompileOptions());

    private static CompiledProgram Run(IReadOnlyList<Module> modules, Body? query, CompileOptions options)
    {
        var capabilities = options.Capabilities ?? Capabilities.Default;
        var diagnostics = new DiagnosticBag();
        var tree = RuleTreeBuilder.Build(modules, diagnostics);
        var calls = new CallChecker(tree, capabilities, diagnostics);
        var rewritePrint = capabilities.Find("internal.print") != null;
        var strict = options.Strict ? new StrictChecker(diagnostics) : null;
        var globalsByPackage = PackageGlobals(modules);

        foreach (var module in modules)
        {
            var globals = ModuleGlobals(module, globalsByPackage);
            strict?.CheckImports(module);
            foreach (var rule in module.Rules)
            {
                var locals = new LocalTable();
                var rewriter = new LocalRewriter(globals, locals, diagnostics, strict?.UsedGlobals);
                rewriter.RewriteRule(rule);
                strict?.Record(rule, locals);
                calls.CheckRule(rule);
                new CallFlattener(locals, rewritePrint).FlattenRule(rule);
                new SafetyReorderer(locals, calls, diagnostics).CheckRule(rule);
                new BuiltinArgumentChecker(capabilities, diagnostics).CheckRule(rule);
            }
            strict?.ReportUnusedImports(module);
        }

        var queryVars = new List<string>();
        if (query != null)
        {
            var locals = new LocalTable { RenameUserVars = false };
            new LocalRewriter(new Dictionary<string, RefTerm>(StringComparer.Ordinal), locals, diagnostics).RewriteQuery(query);
            calls.CheckBody(query);
            new CallFlattener(locals, rewritePrint).FlattenBody(query);
            new SafetyReorderer(locals, calls, diagnostics).CheckQuery(query);
            new BuiltinArgumentChecker(capabilities, diagnostics).CheckBody(query);
            foreach (var name in locals.Order)
            {
                if (locals.IsUserVar(name) && ReferenceEquals(locals.OwnerOf(name), query) && !queryVars.Contains(name)) queryVars.Add(name);
            }
        }

        RecursionChecker.Check(tree, diagnostics);
        if (options.Strict) StrictChecker.CheckDeprecatedBuiltins(modules, capabilities, diagnostics);
        return new CompiledProgram(modules, tree, diagnostics.ToSortedList(options.MaxErrors), query, queryVars, capabilities);
    }

    /// <summary>Rule names by package ("a.b"), across every module of that package.</summary>
    private static Dictionary<string, HashSet<string>> PackageGlobals(IReadOnlyList<Module> modules)
    {
        var byPackage = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            var key = string.Join('.', RuleTreeBuilder.PackagePath(module));
            if (!byPackage.TryGetValue(key, out var names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                byPackage.Add(key, names);
            }
            foreach (var rule in module.Rules) names.Add(rule.Head.Name);
        }
        return byPackage;
    }

    /// <summary>What a bare name means in <paramref name="module"/>: a rule of its package or an import alias.</summary>
    private static Dictionary<string, RefTerm> ModuleGlobals(Module module, Dictionary<string, HashSet<string>> byPackage)
    {
        var globals = new Dictionary<string, RefTerm>(StringComparer.Ordinal);
        var package = RuleTreeBuilder.PackagePath(module);
        foreach (var name in byPackage[string.Join('.', package)])
        {
            var path = new List<string>(package) { name };
            globals[name] = TermFactory.DataRef(path, module.Package.Location);
        }
        foreach (var import in module.Imports)
        {
            if (import.Path.Head is not VarTerm root || !LocalTable.IsRoot(root.Name)) continue;
            var alias = import.Alias;
            if (alias == null)
            {
                if (import.Path.Parts.Count == 0 || import.Path.Parts[^1] is not StringTerm last) continue;
                alias = last.Value;
            }
            if (LocalTable.IsRoot(alias)) continue;
            // As in OPA, an import alias wins over a rule of the same name.
            globals[alias] = import.Path;
        }
        return globals;
    }
}
