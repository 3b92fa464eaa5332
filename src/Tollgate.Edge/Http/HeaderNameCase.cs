using System.Collections.Concurrent;

namespace Tollgate.Edge.Http;

/// <summary>
/// Lower-cases request header names for the Rego input without allocating on every check: names that are
/// already lower case (what Envoy and HTTP/2 send) come back as they are, and the mixed-case ones HTTP/1.1
/// clients send ("Host", "User-Agent") are remembered. The memo is bounded, so a client that invents header
/// names cannot grow it; past the bound, names are lowered per request as before.
/// </summary>
internal static class HeaderNameCase
{
    private const int MaxRemembered = 1024;
    private static readonly ConcurrentDictionary<string, string> Lowered = new(StringComparer.Ordinal);

    public static string Lower(string name)
    {
        if (!HasUpper(name))
        {
            return name;
        }
        if (Lowered.TryGetValue(name, out var lower))
        {
            return lower;
        }
        lower = name.ToLowerInvariant();
        if (Lowered.Count < MaxRemembered)
        {
            Lowered.TryAdd(name, lower);
        }
        return lower;
    }

    private static bool HasUpper(string name)
    {
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c) || c > '\u007f')
            {
                return true;
            }
        }
        return false;
    }
}
