using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests;

/// <summary>Engines for tests: a registry with just the custom builtin the test modules call.</summary>
internal static class TestEngines
{
    public static BuiltinRegistry CustomBuiltins()
    {
        var registry = new BuiltinRegistry();
        registry.Register("custom.double", static (args, context) =>
        {
            if (args[0] is JsonValue value && value.TryGetValue(out double number))
            {
                return JsonValue.Create(number * 2);
            }
            throw BuiltinException.Type("custom.double", 1, "number", args[0]?.GetValueKind().ToString().ToLowerInvariant() ?? "null");
        });
        return registry;
    }

    public static PolicyEngine Create(TimeSpan? timeout = null, int maxMemoryPages = 1024, string? cacheDirectory = null) =>
        new(new PolicyEngineOptions
        {
            Builtins = CustomBuiltins(),
            EvaluationTimeout = timeout ?? TimeSpan.FromSeconds(5),
            MaxMemoryPages = maxMemoryPages,
            CacheDirectory = cacheDirectory,
            MaxInputBytes = 4096,
        });
}
