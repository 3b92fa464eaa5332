using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Tollgate.Runtime.Builtins;

namespace Tollgate.Benchmarks;

/// <summary>
/// Host builtins called directly (arguments already as JsonNode, as the host hands them over after the
/// dump): sprintf, regex.match with a cached pattern, object.get on a nested path, and count over a
/// 10,000-element array. The baseline is count, the cheapest call.
/// </summary>
[MemoryDiagnoser]
public class BuiltinBenchmarks
{
    private readonly BuiltinContext _context = new();
    private BuiltinFunction _sprintf = null!;
    private BuiltinFunction _regexMatch = null!;
    private BuiltinFunction _objectGet = null!;
    private BuiltinFunction _count = null!;
    private JsonNode?[] _sprintfArgs = null!;
    private JsonNode?[] _regexArgs = null!;
    private JsonNode?[] _objectGetArgs = null!;
    private JsonNode?[] _countArgs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = BuiltinRegistry.CreateDefault();
        registry.TryGet("sprintf", out _sprintf);
        registry.TryGet("regex.match", out _regexMatch);
        registry.TryGet("object.get", out _objectGet);
        registry.TryGet("count", out _count);
        _sprintfArgs = [JsonValue.Create("user %s (id %d) has role %v, score %.2f"), JsonNode.Parse("[\"alice\", 1001, [\"admin\", \"dev\"], 97.125]")];
        _regexArgs = [JsonValue.Create("^/api/v[0-9]+/tenants/[a-z0-9-]+/orders(/[0-9]+)?$"), JsonValue.Create("/api/v2/tenants/acme-01/orders/12345")];
        _objectGetArgs = [JsonNode.Parse("{\"tenant\": {\"settings\": {\"limits\": {\"rps\": 100}}, \"name\": \"acme\"}}"), JsonNode.Parse("[\"tenant\", \"settings\", \"limits\", \"rps\"]"), JsonValue.Create(0)];
        var large = new JsonArray();
        for (var i = 0; i < 10_000; i++)
        {
            large.Add(i);
        }
        _countArgs = [large];
    }

    [Benchmark]
    public JsonNode? Sprintf() => _sprintf(_sprintfArgs, _context);

    [Benchmark]
    public JsonNode? RegexMatch() => _regexMatch(_regexArgs, _context);

    [Benchmark]
    public JsonNode? ObjectGet() => _objectGet(_objectGetArgs, _context);

    [Benchmark(Baseline = true)]
    public JsonNode? CountLargeArray() => _count(_countArgs, _context);
}
