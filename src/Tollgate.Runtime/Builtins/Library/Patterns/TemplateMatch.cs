using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>
/// regex.template_match: literal text with regular expressions between delimiters (nesting of the
/// delimiters is balanced, as in gorilla/mux route templates), matched against the whole value.
/// </summary>
internal static class TemplateMatch
{
    private const string Name = "regex.template_match";

    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var template = Args.String(a, 0, Name);
        var value = Args.String(a, 1, Name);
        var open = Args.String(a, 2, Name);
        var close = Args.String(a, 3, Name);
        if (open.Length != 1 || close.Length != 1)
        {
            throw Args.Error(Name, "delimiters must be single characters");
        }
        var sb = new StringBuilder("^");
        var level = 0;
        var start = 0;
        var literalStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == open[0])
            {
                if (++level == 1)
                {
                    sb.Append(Regex.Escape(template[literalStart..i]));
                    start = i + 1;
                }
            }
            else if (template[i] == close[0] && level > 0)
            {
                if (--level == 0)
                {
                    sb.Append("(?:").Append(Translate(template[start..i])).Append(')');
                    literalStart = i + 1;
                }
            }
        }
        if (level != 0)
        {
            throw Args.Error(Name, $"unbalanced braces in {RegoText.Quote(template)}");
        }
        sb.Append(Regex.Escape(template[literalStart..])).Append("\\z");
        Regex regex;
        try
        {
            regex = RegexCache.CompileDotNet(sb.ToString());
        }
        catch (ArgumentException e)
        {
            throw Args.Error(Name, "error parsing regexp: " + e.Message);
        }
        return JsonValue.Create(regex.IsMatch(value));
    }

    private static string Translate(string pattern)
    {
        try
        {
            return Re2Translator.Translate(pattern);
        }
        catch (RegexParseFailure e)
        {
            throw Args.Error(Name, "error parsing regexp: " + e.Message);
        }
    }
}
