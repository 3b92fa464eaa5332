using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>
/// Finds the conformance cases whose policy is a single rule that calls one builtin on ground arguments
/// (after binding locals to constants or to data/input references), so the builtin can be checked
/// directly without a compiler.
/// </summary>
internal static partial class BuiltinCaseLoader
{
    public static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        foreach (var candidate in new[] { "/work/shared/conformance/opa-v1", Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/conformance/opa-v1") })
        {
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException("shared/conformance/opa-v1 not found");
    }

    [GeneratedRegex(@"^package\s+([\w.]+)\s*(?:import\s+[\w.]+\s*)*(\w+)\s*(:=|=|contains|if)\s*(\w*)\s*(?:if\s*)?\{\s*\n(.*)\n\s*\}\s*$", RegexOptions.Singleline)]
    private static partial Regex RuleWithBody();

    [GeneratedRegex(@"^package\s+([\w.]+)\s*(?:import\s+[\w.]+\s*)*(\w+)\s*:=\s*([\w.]+)\((.*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex RuleWithValue();

    [GeneratedRegex(@"^data\.([\w.]+)\.(\w+)\s*=\s*x$")]
    private static partial Regex Query();

    [GeneratedRegex(@"^(\w+)\s*:?=\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^([a-z_][\w]*(?:\.[a-z_][\w]*)*)\((.*)\)$", RegexOptions.Singleline)]
    private static partial Regex Call();

    public static IEnumerable<BuiltinCase> Load()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }
            foreach (var document in stream.Documents)
            {
                if (YamlJson.Convert(document.RootNode) is not JsonObject root || root["cases"] is not JsonArray cases)
                {
                    continue;
                }
                foreach (var node in cases)
                {
                    if (node is JsonObject c && TryReduce(file, c) is { } reduced)
                    {
                        yield return reduced;
                    }
                }
            }
        }
    }

    private static BuiltinCase? TryReduce(string file, JsonObject c)
    {
        if (c["modules"] is not JsonArray modules || modules.Count != 1 || c["query"] is null)
        {
            return null;
        }
        var query = Query().Match(c["query"]!.GetValue<string>().Trim());
        if (!query.Success)
        {
            return null;
        }
        var module = StripComments(modules[0]!.GetValue<string>()).Trim();
        var constants = new List<(string Name, string Term)>();
        module = ExtractConstants(module, query.Groups[2].Value, constants);
        var data = c["data"];
        var input = c["input"];
        if (c["input_term"] is JsonValue inputTerm)
        {
            try
            {
                input = GroundTermParser.ParseOne(inputTerm.GetValue<string>(), null);
            }
            catch (GroundTermParser.UnsupportedException)
            {
                return null;
            }
        }
        var locals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        JsonNode? Resolve(string reference) => ResolveRef(reference, locals, data, input);

        try
        {
            foreach (var (constantName, term) in constants)
            {
                locals[constantName] = GroundTermParser.ParseOne(term, Resolve);
            }
            var valueRule = RuleWithValue().Match(module);
            if (valueRule.Success && valueRule.Groups[2].Value == query.Groups[2].Value && valueRule.Groups[1].Value == query.Groups[1].Value)
            {
                return Make(file, c, valueRule.Groups[3].Value, GroundTermParser.ParseArguments(valueRule.Groups[4].Value, Resolve), "value", null, false);
            }
            var rule = RuleWithBody().Match(module);
            if (!rule.Success || rule.Groups[2].Value != query.Groups[2].Value || rule.Groups[1].Value != query.Groups[1].Value || rule.Groups[5].Value.Contains('}'))
            {
                return null;
            }
            var headOp = rule.Groups[3].Value;
            var headVar = rule.Groups[4].Value;
            var statements = rule.Groups[5].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // "f(args, __local1__)" followed by "__local0__ = __local1__": the head variable aliases the output.
            if (statements.Length >= 2 && Assignment().Match(statements[^1]) is { Success: true } alias && alias.Groups[1].Value == headVar
                && System.Text.RegularExpressions.Regex.IsMatch(alias.Groups[2].Value.Trim(), @"^__local\d+__$") && statements[^2].TrimEnd(')').EndsWith(alias.Groups[2].Value.Trim(), StringComparison.Ordinal))
            {
                headVar = alias.Groups[2].Value.Trim();
                statements = statements[..^1];
            }
            for (var i = 0; i < statements.Length - 1; i++)
            {
                var assign = Assignment().Match(statements[i]);
                if (!assign.Success || Call().IsMatch(assign.Groups[2].Value.Trim()))
                {
                    return null;
                }
                locals[assign.Groups[1].Value] = GroundTermParser.ParseOne(assign.Groups[2].Value, Resolve);
            }
            var last = statements[^1];
            var shape = headOp switch { "contains" => "contains", "if" => "test", _ => "value" };
            if (shape == "test" && headVar.Length > 0)
            {
                return null;
            }
            var assignment = Assignment().Match(last);
            if (assignment.Success && assignment.Groups[1].Value == headVar && Call().Match(assignment.Groups[2].Value.Trim()) is { Success: true } call1)
            {
                return Make(file, c, call1.Groups[1].Value, GroundTermParser.ParseArguments(call1.Groups[2].Value, Resolve), shape, null, false);
            }
            var comparison = System.Text.RegularExpressions.Regex.Match(last, @"^(.*\))\s*==\s*(.+)$");
            if (shape == "test" && comparison.Success && Call().Match(comparison.Groups[1].Value.Trim()) is { Success: true } compared)
            {
                var expectedValue = GroundTermParser.ParseOne(comparison.Groups[2].Value, Resolve);
                return Make(file, c, compared.Groups[1].Value, GroundTermParser.ParseArguments(compared.Groups[2].Value, Resolve), shape, expectedValue, true);
            }
            if (Call().Match(last) is not { Success: true } call)
            {
                return null;
            }
            var name = call.Groups[1].Value;
            var args = SplitTopLevel(call.Groups[2].Value);
            if (shape != "test" && args.Count > 0 && args[^1].Trim() == headVar)
            {
                var ground = GroundTermParser.ParseArguments(string.Join(",", args.Take(args.Count - 1)), Resolve);
                return Make(file, c, name, ground, shape, null, false);
            }
            if (shape == "test")
            {
                var all = GroundTermParser.ParseArguments(call.Groups[2].Value, Resolve);
                if (IsPredicate(name, all.Count))
                {
                    return Make(file, c, name, all, shape, null, false);
                }
                var expected = all[^1];
                all.RemoveAt(all.Count - 1);
                return Make(file, c, name, all, shape, expected, true);
            }
            return null;
        }
        catch (GroundTermParser.UnsupportedException)
        {
            return null;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Builtins whose arity equals the argument count are used as tests (no output argument).</summary>
    private static bool IsPredicate(string name, int count) => Arity.TryGetValue(name, out var arity) && arity == count;

    private static readonly Dictionary<string, int> Arity = LoadArity();

    private static Dictionary<string, int> LoadArity()
    {
        var path = Path.Combine(Root, "../../reference/opa-builtins-capabilities.json");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var b in doc["builtins"]!.AsArray())
        {
            var args = b!["decl"]?["args"] as JsonArray;
            result[b["name"]!.GetValue<string>()] = args?.Count ?? 0;
        }
        return result;
    }

    private static BuiltinCase? Make(string file, JsonObject c, string builtin, List<JsonNode?> args, string shape, JsonNode? expected, bool hasExpected)
    {
        if (!Arity.TryGetValue(builtin, out var arity) || arity != args.Count)
        {
            return null;
        }
        JsonNode? want = null;
        if (c["want_result"] is JsonArray results)
        {
            if (results.Count > 1)
            {
                return null;
            }
            want = results.Count == 0 ? null : results[0]?["x"];
            if (results.Count == 1 && results[0] is JsonObject binding && !binding.ContainsKey("x"))
            {
                return null;
            }
        }
        else if (c["want_error"] is null && c["want_error_code"] is null)
        {
            return null;
        }
        return new BuiltinCase
        {
            File = Path.GetRelativePath(Root, file),
            Note = c["note"]?.GetValue<string>() ?? "?",
            Builtin = builtin,
            Arguments = args,
            Shape = shape,
            Expected = expected,
            HasExpected = hasExpected,
            WantResult = want?.DeepClone(),
            WantUndefined = c["want_result"] is JsonArray { Count: 0 },
            WantError = c["want_error"]?.GetValue<string>(),
            WantErrorCode = c["want_error_code"]?.GetValue<string>(),
            SortBindings = c["sort_bindings"]?.GetValue<bool>() ?? false,
        };
    }

    private static JsonNode? ResolveRef(string reference, Dictionary<string, JsonNode?> locals, JsonNode? data, JsonNode? input)
    {
        var parts = reference.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        JsonNode? current;
        if (locals.TryGetValue(parts[0], out var local))
        {
            current = local;
        }
        else if (parts[0] == "data")
        {
            current = data;
        }
        else if (parts[0] == "input")
        {
            current = input;
        }
        else
        {
            throw new GroundTermParser.UnsupportedException("unknown reference " + reference);
        }
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i].Trim('"');
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(part, out var child) => child,
                JsonArray array when int.TryParse(part, out var index) && index < array.Count => array[index],
                _ => throw new GroundTermParser.UnsupportedException("undefined reference " + reference),
            };
        }
        if (current is null)
        {
            throw new GroundTermParser.UnsupportedException("null reference " + reference);
        }
        return current;
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inString)
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (ch)
            {
                case '"': inString = true; break;
                case '[' or '{' or '(': depth++; break;
                case ']' or '}' or ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Moves top-level "name := term" rules (other than the queried one) into constants.</summary>
    private static string ExtractConstants(string module, string queried, List<(string, string)> constants)
    {
        var lines = module.Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = System.Text.RegularExpressions.Regex.Match(lines[i], @"^([a-z_]\w*)\s*:=\s*(.*)$");
            if (!m.Success || m.Groups[1].Value == queried || lines[i].TrimEnd().EndsWith('{') || m.Groups[2].Value.Contains(" if ", StringComparison.Ordinal))
            {
                kept.Add(lines[i]);
                continue;
            }
            var term = m.Groups[2].Value;
            if (term.StartsWith('`') && term.Count(ch => ch == '`') == 1)
            {
                var sb = new System.Text.StringBuilder(term);
                while (++i < lines.Length)
                {
                    sb.Append('\n').Append(lines[i]);
                    if (lines[i].Contains('`', StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                term = sb.ToString();
            }
            constants.Add((m.Groups[1].Value, term));
        }
        return string.Join('\n', kept);
    }

    private static string StripComments(string module)
    {
        // Comment and blank lines go, except inside raw strings whose text (and line numbers) must survive.
        var kept = new List<string>();
        var inRaw = false;
        foreach (var line in module.Split('\n'))
        {
            var ticks = line.Count(ch => ch == '`');
            if (!inRaw && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }
            kept.Add(line);
            if (ticks % 2 == 1)
            {
                inRaw = !inRaw;
            }
        }
        return string.Join('\n', kept);
    }

}
