using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>
/// Compiled patterns shared across evaluations. Linear-time matching (NonBacktracking) is used whenever
/// .NET supports the pattern with it, so a hostile pattern or input cannot stall a tenant's node.
/// </summary>
internal static class RegexCache
{
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);
    private static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The compiled RE2 pattern, or an error in OPA's words ("error parsing regexp: …").</summary>
    public static Regex Get(string pattern, string builtin)
    {
        if (Compiled.TryGetValue(pattern, out var regex))
        {
            return regex;
        }
        regex = Compile(pattern, builtin);
        if (Compiled.Count >= Capacity)
        {
            Compiled.Clear();
        }
        Compiled[pattern] = regex;
        return regex;
    }

    /// <summary>Compiles without caching (used by builders of derived patterns such as globs).</summary>
    public static Regex CompileDotNet(string dotNetPattern)
    {
        try
        {
            return new Regex(dotNetPattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return new Regex(dotNetPattern, RegexOptions.CultureInvariant, BacktrackingTimeout);
        }
    }

    public static bool IsValid(string pattern)
    {
        try
        {
            Get(pattern, "regex.is_valid");
            return true;
        }
        catch (BuiltinException)
        {
            return false;
        }
    }

    private static Regex Compile(string pattern, string builtin)
    {
        string translated;
        try
        {
            translated = Re2Translator.Translate(pattern);
        }
        catch (RegexParseFailure e)
        {
            throw new BuiltinException($"{builtin}: error parsing regexp: {e.Message}");
        }
        try
        {
            return CompileDotNet(translated);
        }
        catch (ArgumentException e)
        {
            throw new BuiltinException($"{builtin}: error parsing regexp: {e.Message}");
        }
    }
}
