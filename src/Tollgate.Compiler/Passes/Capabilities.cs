using System.Text.Json;
using Tollgate.Compiler.TypeChecking;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// The builtins a policy may call, read from OPA's capabilities format (<c>{"builtins":[{"name":…,"decl":…}]}</c>).
/// <see cref="Default"/> is the embedded copy of OPA's full catalogue.
/// </summary>
public sealed class Capabilities
{
    private const string ResourceName = "Tollgate.Compiler.Passes.capabilities.json";
    private const string ExtraResourceName = "Tollgate.Compiler.Passes.capabilities-extra.json";
    private static readonly Lazy<Capabilities> DefaultInstance = new(LoadEmbedded);
    private readonly Dictionary<string, BuiltinSignature> _builtins;

    private Capabilities(Dictionary<string, BuiltinSignature> builtins, IReadOnlyList<string> features)
    {
        _builtins = builtins;
        Features = features;
    }

    public static Capabilities Default => DefaultInstance.Value;

    public IReadOnlyCollection<string> Names => _builtins.Keys;

    public IReadOnlyList<string> Features { get; }

    public BuiltinSignature? Find(string name) => _builtins.TryGetValue(name, out var sig) ? sig : null;

    public static Capabilities Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static Capabilities Load(Stream stream)
    {
        using var doc = JsonDocument.Parse(stream);
        return FromJson(doc.RootElement);
    }

    public static Capabilities Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromJson(doc.RootElement);
    }

    /// <summary>OPA's catalogue plus the newer builtins the conformance suite calls (capabilities-extra.json).</summary>
    private static Capabilities LoadEmbedded()
    {
        var catalogue = LoadResource(ResourceName);
        var extra = LoadResource(ExtraResourceName);
        foreach (var (name, sig) in extra._builtins) catalogue._builtins.TryAdd(name, sig);
        return catalogue;
    }

    private static Capabilities LoadResource(string name)
    {
        using var stream = typeof(Capabilities).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        return Load(stream);
    }

    /// <summary>A copy restricted to <paramref name="names"/> (for tests and tenants with a reduced builtin set).</summary>
    public Capabilities Restrict(IEnumerable<string> names)
    {
        var kept = new Dictionary<string, BuiltinSignature>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (_builtins.TryGetValue(n, out var sig)) kept[n] = sig;
        }
        return new Capabilities(kept, Features);
    }

    private static Capabilities FromJson(JsonElement root)
    {
        var builtins = new Dictionary<string, BuiltinSignature>(StringComparer.Ordinal);
        if (root.TryGetProperty("builtins", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var b in list.EnumerateArray())
            {
                if (!b.TryGetProperty("name", out var nameEl) || nameEl.GetString() is not { } name) continue;
                var args = new List<RegoType>();
                var argNames = new List<string?>();
                RegoType? result = null;
                var variadic = false;
                if (b.TryGetProperty("decl", out var decl))
                {
                    if (decl.TryGetProperty("args", out var argList) && argList.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var a in argList.EnumerateArray())
                        {
                            args.Add(RegoType.Parse(a));
                            argNames.Add(a.TryGetProperty("name", out var argName) ? argName.GetString() : null);
                        }
                    }
                    if (decl.TryGetProperty("result", out var res)) result = RegoType.Parse(res);
                    variadic = decl.TryGetProperty("variadic", out _);
                }
                var infix = b.TryGetProperty("infix", out var inf) ? inf.GetString() : null;
                builtins[name] = new BuiltinSignature(name, args, result, variadic, infix, argNames);
            }
        }
        var features = new List<string>();
        if (root.TryGetProperty("features", out var feats) && feats.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in feats.EnumerateArray())
            {
                if (f.GetString() is { } s) features.Add(s);
            }
        }
        return new Capabilities(builtins, features);
    }
}
