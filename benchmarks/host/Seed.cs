using System.Globalization;
using System.Text;
using Tollgate.Compiler;

namespace Tollgate.HostBench;

/// <summary>
/// The seed RBAC template (shared/seed/templates/basic-rbac.rego) compiled once in shared mode (the template
/// as-is, as the control plane does: every tenant runs the same module and differs only in its data), the
/// seed tenant's data, per-tenant data variants and the benchmark input.
/// </summary>
internal static class Seed
{
    public const string Allow = "tenant/authz/allow";
    public const string Decision = "tenant/authz/decision";

    /// <summary>An admin writing a document in the template's own tenant (the shared module's tenant_id).</summary>
    public static readonly byte[] Input = Encoding.UTF8.GetBytes(
        """{"tenant_id":"{{TENANT_ID}}","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""");

    public static string Root { get; } = FindRoot();

    public static string SharedDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string TemplatePath => Path.Combine(SharedDirectory, "seed", "templates", "basic-rbac.rego");

    public static byte[] Data() => File.ReadAllBytes(Path.Combine(SharedDirectory, "seed", "tenants", "1001", "data.json"));

    public static byte[] CompileShared(string? regoSource = null)
    {
        var request = new CompileRequest { OptimizationLevel = 2 };
        request.Modules.Add(new SourceFile { Name = "basic-rbac.rego", Text = regoSource ?? File.ReadAllText(TemplatePath) });
        request.Entrypoints.Add(Allow);
        request.Entrypoints.Add(Decision);
        var result = PolicyCompiler.Compile(request);
        if (!result.Success || result.Wasm is null)
        {
            throw new InvalidOperationException("seed template did not compile: " + string.Join("\n", result.Diagnostics));
        }
        return result.Wasm;
    }

    /// <summary>The seed module with wasm function names kept (for profiles: perf maps name functions).</summary>
    public static byte[] CompileSharedWithNames(string? regoSource = null)
    {
        var program = Plan(regoSource);
        var linker = new Tollgate.Wasm.ModuleLinker(PolicyCompiler.RuntimeLibrary
            ?? throw new InvalidOperationException("no embedded runtime"));
        return new Tollgate.Compiler.CodeGen.WasmCodeGenerator(linker, program)
            .Generate(null, new Tollgate.Wasm.LinkOptions { KeepNames = true }).Bytes;
    }

    /// <summary>The seed template's plan (IR text) for both entrypoints, for reading what the module does.</summary>
    public static string PlanShared(string? regoSource = null) => Tollgate.Compiler.Ir.IrPrinter.Print(Plan(regoSource));

    private static Tollgate.Compiler.Ir.IrProgram Plan(string? regoSource)
    {
        var parsed = Tollgate.Rego.RegoParser.ParseModule(regoSource ?? File.ReadAllText(TemplatePath), "basic-rbac.rego");
        if (parsed.Value is null)
        {
            throw new InvalidOperationException("seed template did not parse: " + string.Join("\n", parsed.Diagnostics));
        }
        var compiled = Tollgate.Compiler.Passes.ProgramCompiler.Compile([parsed.Value]);
        return PolicyCompiler.Plan(compiled, [Allow, Decision]);
    }

    /// <summary>
    /// Tenant <paramref name="index"/>'s own data: the seed's roles plus a tenant-specific role and config,
    /// so no two tenants hold the same document.
    /// </summary>
    public static byte[] TenantData(int index)
    {
        string n = index.ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            """{"tenant_roles":{"admin":{"permissions":["read","write","delete","admin"]},"member":{"permissions":["read","write"]},"viewer":{"permissions":["read"]},"role_"""
            + n + "\":{\"permissions\":[\"read\",\"export_" + n + "\"]}},\"tenant_config\":{\"tenant\":\"t" + n
            + "\",\"max_api_calls_per_minute\":" + (1000 + index).ToString(CultureInfo.InvariantCulture)
            + ",\"allowed_ip_ranges\":[\"10." + (index % 256).ToString(CultureInfo.InvariantCulture)
            + ".0.0/16\",\"172.16.0.0/12\"],\"features\":[\"api\",\"webhooks\",\"sso\"]}}");
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Tollgate.slnx not found above the working or program directory");
    }
}
