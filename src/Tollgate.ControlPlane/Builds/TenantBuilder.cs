using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.ControlPlane.Storage;
using Tollgate.Runtime.Bundles;

namespace Tollgate.ControlPlane.Builds;

/// <summary>
/// Turns template + parameters + tenant data + shared libraries into a tenant's bundle, in parallel across
/// cores. Shared mode compiles each template version once (tenants differ only in data.json, so every edge
/// compiles the module once); substitution mode replaces <c>{{TENANT_ID}}</c> and <c>{{param}}</c> in the source
/// and compiles one module per tenant, as the seed's scripts do.
/// </summary>
public sealed class TenantBuilder(IControlPlaneStore store, long maxModuleBytes = 10 * 1024 * 1024, BundleSigner? signer = null)
{
    private readonly ConcurrentDictionary<string, Lazy<CompileResult>> _sharedModules = new(StringComparer.Ordinal);

    public long MaxModuleBytes { get; } = maxModuleBytes;

    /// <summary>Builds every tenant; <paramref name="progress"/> gets (done, total) after each.</summary>
    public IReadOnlyList<TenantBuild> BuildAll(IReadOnlyList<TenantRecord> tenants, Action<int, int>? progress = null, int parallelism = 0)
    {
        var libraries = store.ListLibraries();
        var results = new TenantBuild[tenants.Count];
        var done = 0;
        Parallel.For(0, tenants.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, i =>
        {
            results[i] = Build(tenants[i], libraries);
            progress?.Invoke(Interlocked.Increment(ref done), tenants.Count);
        });
        return results;
    }

    public TenantBuild Build(TenantRecord tenant, IReadOnlyList<LibraryRecord>? libraries = null)
    {
        var sw = Stopwatch.StartNew();
        var template = store.GetTemplate(tenant.Template, tenant.TemplateVersion);
        if (template is null)
        {
            return Failed(tenant, 0, "", $"template {tenant.Template}{(tenant.TemplateVersion is { } v ? $" version {v}" : "")} not found", sw);
        }
        libraries ??= store.ListLibraries();
        var entrypoint = template.Entrypoints.Count > 0 ? template.Entrypoints[0] : "tenant/authz/allow";
        var dataJson = Encoding.UTF8.GetBytes(tenant.Data.ToJsonString());

        CompileResult compiled;
        if (tenant.Mode == BuildMode.Shared)
        {
            var key = $"{template.Name}@{template.Version}#{LibraryKey(libraries)}";
            compiled = _sharedModules.GetOrAdd(key, _ => new Lazy<CompileResult>(() => Compile(template, template.Source, libraries))).Value;
        }
        else
        {
            compiled = Compile(template, Substitute(template.Source, tenant), libraries);
        }
        if (!compiled.Success || compiled.Wasm is null)
        {
            return new TenantBuild(tenant.Id, null, null, null, template.Version, entrypoint, compiled.Diagnostics, "compile failed", sw.Elapsed);
        }
        if (compiled.Wasm.Length > MaxModuleBytes)
        {
            return Failed(tenant, template.Version, entrypoint, $"module is {compiled.Wasm.Length} bytes, over the {MaxModuleBytes}-byte limit", sw);
        }

        var wasmSha256 = Convert.ToHexStringLower(SHA256.HashData(compiled.Wasm));
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new("/policy.wasm", compiled.Wasm),
            new("/data.json", dataJson),
            new("/policy.rego", Encoding.UTF8.GetBytes(tenant.Mode == BuildMode.Shared ? template.Source : Substitute(template.Source, tenant))),
        };
        foreach (var lib in libraries) files.Add(new($"/lib/{lib.Name}.rego", Encoding.UTF8.GetBytes(lib.Source)));
        var resolvers = new List<WasmResolver>();
        foreach (var ep in template.Entrypoints) resolvers.Add(new WasmResolver(ep, "/policy.wasm"));
        var manifest = new BundleManifest
        {
            Revision = $"{tenant.Id}@{template.Name}.{template.Version}",
            Roots = [""],
            Wasm = resolvers,
            RegoVersion = 1,
            Metadata = new JsonObject
            {
                ["tenant_id"] = tenant.Id,
                ["template"] = template.Name,
                ["template_version"] = template.Version,
                ["mode"] = tenant.Mode.ToString().ToLowerInvariant(),
                // Lets an edge that already runs this module skip decompressing it (Bundle.WasmSha256MetadataKey).
                [Bundle.WasmSha256MetadataKey] = wasmSha256,
            },
        };
        using var ms = new MemoryStream();
        var bundle = Bundle.Create(manifest, files);
        // Signed after everything else is in place: the signature covers every file's hash.
        if (signer is not null) bundle = signer.Sign(bundle);
        bundle.Write(ms, System.IO.Compression.CompressionLevel.Fastest); // publish latency over artifact size
        var bytes = ms.ToArray();
        return new TenantBuild(tenant.Id, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)),
            wasmSha256, template.Version, entrypoint, [], null, sw.Elapsed);
    }

    private static CompileResult Compile(TemplateRecord template, string source, IReadOnlyList<LibraryRecord> libraries)
    {
        var request = new CompileRequest { OptimizationLevel = 2 };
        request.Modules.Add(new SourceFile { Name = $"{template.Name}.rego", Text = source });
        foreach (var lib in libraries) request.Modules.Add(new SourceFile { Name = $"lib/{lib.Name}.rego", Text = lib.Source });
        foreach (var ep in template.Entrypoints) request.Entrypoints.Add(ep);
        if (request.Entrypoints.Count == 0) request.Entrypoints.Add("tenant/authz/allow");
        return PolicyCompiler.Compile(request);
    }

    /// <summary>The seed's sed step, generalised: {{TENANT_ID}} and every {{parameter}} of the tenant.</summary>
    public static string Substitute(string source, TenantRecord tenant)
    {
        var text = source.Replace("{{TENANT_ID}}", tenant.Id, StringComparison.Ordinal);
        foreach (var (name, value) in tenant.Parameters)
        {
            var replacement = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
            text = text.Replace("{{" + name + "}}", replacement, StringComparison.Ordinal);
        }
        return text;
    }

    private static string LibraryKey(IReadOnlyList<LibraryRecord> libraries)
    {
        var sb = new StringBuilder();
        foreach (var l in libraries) sb.Append(l.Name).Append('=').Append(l.Source.GetHashCode(StringComparison.Ordinal)).Append(';');
        return sb.ToString();
    }

    private static TenantBuild Failed(TenantRecord tenant, int version, string entrypoint, string error, Stopwatch sw) =>
        new(tenant.Id, null, null, null, version, entrypoint, [], error, sw.Elapsed);
}
