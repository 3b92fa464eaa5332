using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>
/// strings.render_template: the part of Go's text/template that policies use — field paths (.a.b),
/// variables from range ($i, $v), if/else, range/else, with, comments and {{- -}} trimming. Missing keys
/// are errors, as OPA renders with missingkey=error.
/// </summary>
internal static class TemplateRenderer
{
    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var template = Args.String(a, 0, "strings.render_template");
        var vars = Args.Object(a, 1, "strings.render_template");
        var tokens = Tokenize(template);
        var pos = 0;
        var nodes = ParseList(tokens, ref pos, out var stop);
        if (stop is not null)
        {
            throw Args.Error("strings.render_template", $"template: unexpected {{{{{stop}}}}}");
        }
        var sb = new StringBuilder();
        var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["$"] = vars };
        Render(nodes, vars, scope, sb);
        return JsonValue.Create(sb.ToString());
    }

    private readonly record struct Token(bool IsAction, string Text);

    private static List<Token> Tokenize(string template)
    {
        var tokens = new List<Token>();
        var i = 0;
        var trimNext = false;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            var text = open < 0 ? template[i..] : template[i..open];
            if (trimNext)
            {
                text = text.TrimStart(' ', '\t', '\r', '\n');
            }
            trimNext = false;
            if (open < 0)
            {
                tokens.Add(new Token(false, text));
                break;
            }
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Args.Error("strings.render_template", "template: unclosed action");
            }
            var action = template[(open + 2)..close];
            if (action.StartsWith("- ", StringComparison.Ordinal) || action == "-")
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
                action = action[1..];
            }
            if (action.EndsWith(" -", StringComparison.Ordinal))
            {
                trimNext = true;
                action = action[..^1];
            }
            tokens.Add(new Token(false, text));
            action = action.Trim();
            if (!(action.StartsWith("/*", StringComparison.Ordinal) && action.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add(new Token(true, action));
            }
            i = close + 2;
        }
        return tokens;
    }

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record PrintNode(string Pipeline) : Node;

    private sealed record BlockNode(string Keyword, string Pipeline, List<Node> Body, List<Node>? Else) : Node;

    private static List<Node> ParseList(List<Token> tokens, ref int pos, out string? stop)
    {
        var nodes = new List<Node>();
        while (pos < tokens.Count)
        {
            var token = tokens[pos++];
            if (!token.IsAction)
            {
                nodes.Add(new TextNode(token.Text));
                continue;
            }
            var word = FirstWord(token.Text);
            if (word is "end" or "else")
            {
                stop = token.Text;
                return nodes;
            }
            if (word is "if" or "range" or "with")
            {
                var body = ParseList(tokens, ref pos, out var end);
                List<Node>? otherwise = null;
                if (end is not null && FirstWord(end) == "else")
                {
                    var rest = end.Length > 4 ? end[4..].Trim() : string.Empty;
                    if (rest.Length > 0)
                    {
                        // "else if X" nests a block that shares this block's {{end}}.
                        var nested = ParseList(tokens, ref pos, out end);
                        List<Node>? nestedElse = null;
                        if (end is not null && FirstWord(end) == "else")
                        {
                            nestedElse = ParseList(tokens, ref pos, out end);
                        }
                        otherwise = [new BlockNode(FirstWord(rest), rest[FirstWord(rest).Length..].Trim(), nested, nestedElse)];
                    }
                    else
                    {
                        otherwise = ParseList(tokens, ref pos, out end);
                    }
                }
                if (end is null || FirstWord(end) != "end")
                {
                    throw Args.Error("strings.render_template", $"template: unexpected EOF in {word}");
                }
                nodes.Add(new BlockNode(word, token.Text[word.Length..].Trim(), body, otherwise));
                continue;
            }
            nodes.Add(new PrintNode(token.Text));
        }
        stop = null;
        return nodes;
    }

    private static string FirstWord(string text)
    {
        var space = text.IndexOfAny([' ', '\t', '\n']);
        return space < 0 ? text : text[..space];
    }

    private static void Render(List<Node> nodes, JsonNode? dot, Dictionary<string, JsonNode?> scope, StringBuilder sb)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    sb.Append(text.Text);
                    break;
                case PrintNode print:
                    Print(sb, Evaluate(print.Pipeline, dot, scope));
                    break;
                case BlockNode block:
                    RenderBlock(block, dot, scope, sb);
                    break;
            }
        }
    }

    private static void RenderBlock(BlockNode block, JsonNode? dot, Dictionary<string, JsonNode?> scope, StringBuilder sb)
    {
        if (block.Keyword == "range")
        {
            var pipeline = block.Pipeline;
            string? keyVar = null;
            string? valueVar = null;
            var assign = pipeline.IndexOf(":=", StringComparison.Ordinal);
            if (assign >= 0)
            {
                var names = pipeline[..assign].Split(',', StringSplitOptions.TrimEntries);
                if (names.Length == 2)
                {
                    keyVar = names[0];
                    valueVar = names[1];
                }
                else
                {
                    valueVar = names[0];
                }
                pipeline = pipeline[(assign + 2)..].Trim();
            }
            var collection = Evaluate(pipeline, dot, scope);
            var any = false;
            if (collection is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    any = true;
                    Bind(scope, keyVar, RegoNumber.Of(i), valueVar, array[i]);
                    Render(block.Body, array[i], scope, sb);
                }
            }
            else if (collection is JsonObject obj)
            {
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    any = true;
                    Bind(scope, keyVar, JsonValue.Create(key), valueVar, obj[key]);
                    Render(block.Body, obj[key], scope, sb);
                }
            }
            if (!any && block.Else is not null)
            {
                Render(block.Else, dot, scope, sb);
            }
            return;
        }
        var value = Evaluate(block.Pipeline, dot, scope);
        if (Truthy(value))
        {
            Render(block.Body, block.Keyword == "with" ? value : dot, scope, sb);
        }
        else if (block.Else is not null)
        {
            Render(block.Else, dot, scope, sb);
        }
    }

    private static void Bind(Dictionary<string, JsonNode?> scope, string? keyVar, JsonNode? key, string? valueVar, JsonNode? value)
    {
        if (keyVar is not null)
        {
            scope[keyVar] = key;
        }
        if (valueVar is not null)
        {
            scope[valueVar] = value;
        }
    }

    private static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => RegoTypes.Kind(value) switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => RegoNumber.ToDouble(value) != 0,
            _ => true,
        },
    };

    private static JsonNode? Evaluate(string pipeline, JsonNode? dot, Dictionary<string, JsonNode?> scope)
    {
        var expr = pipeline.Trim();
        if (expr.StartsWith('"') && expr.EndsWith('"') && expr.Length >= 2)
        {
            return JsonValue.Create(JsonSerializer.Deserialize<string>(expr));
        }
        if (expr.Length > 0 && (char.IsAsciiDigit(expr[0]) || expr[0] == '-'))
        {
            return JsonNode.Parse(expr);
        }
        if (expr is "true" or "false")
        {
            return JsonValue.Create(expr == "true");
        }
        JsonNode? current;
        string path;
        if (expr.StartsWith('$'))
        {
            var dotIndex = expr.IndexOf('.', StringComparison.Ordinal);
            var name = dotIndex < 0 ? expr : expr[..dotIndex];
            if (!scope.TryGetValue(name, out current))
            {
                throw Args.Error("strings.render_template", $"template: undefined variable \"{name}\"");
            }
            path = dotIndex < 0 ? string.Empty : expr[dotIndex..];
        }
        else if (expr.StartsWith('.'))
        {
            current = dot;
            path = expr == "." ? string.Empty : expr;
        }
        else
        {
            throw Args.Error("strings.render_template", $"template: function \"{FirstWord(expr)}\" not defined");
        }
        foreach (var field in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(field, out var child))
            {
                throw Args.Error("strings.render_template", $"template: executing: map has no entry for key \"{field}\"");
            }
            current = child;
        }
        return current;
    }

    /// <summary>Values print as Go prints the decoded JSON: strings raw, arrays as [a b], maps as map[k:v].</summary>
    private static void Print(StringBuilder sb, JsonNode? value)
    {
        switch (value)
        {
            case null:
                sb.Append("<no value>");
                return;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }
                    Print(sb, array[i]);
                }
                sb.Append(']');
                return;
            case JsonObject obj:
                sb.Append("map[");
                var first = true;
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }
                    first = false;
                    sb.Append(key).Append(':');
                    Print(sb, obj[key]);
                }
                sb.Append(']');
                return;
            default:
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    sb.Append(s);
                    return;
                }
                sb.Append(value.ToJsonString());
                return;
        }
    }
}
