using System.Globalization;
using System.Text;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Finds <c># METADATA</c> comment blocks, parses their YAML and hangs each on the package or rule
/// that follows it. A block continues while the next comment is on the next line in column 1, as in OPA.
/// </summary>
internal static class AnnotationReader
{
    private const int MaxYamlDepth = 64;

    public static void Attach(Module module, List<SourceComment> comments, List<Diagnostic> errors, string? file)
    {
        var text = module.Source ?? "";
        for (var i = 0; i < comments.Count; i++)
        {
            var header = comments[i];
            if (!CommentText(text, header).Trim().StartsWith("METADATA", StringComparison.Ordinal))
            {
                continue;
            }
            var yaml = new StringBuilder();
            var last = header;
            while (i + 1 < comments.Count && comments[i + 1].Line == last.Line + 1 && comments[i + 1].Column == 1)
            {
                last = comments[++i];
                var line = CommentText(text, last);
                yaml.Append(line.StartsWith(' ') ? line[1..] : line).Append('\n');
            }
            var location = new SourceLocation(file, header.Line, header.Column, header.Start, last.End);
            var annotation = Read(yaml.ToString(), location, errors);
            if (annotation is not null)
            {
                AttachTo(module, annotation, last.Line);
            }
        }
    }

    private static string CommentText(string text, SourceComment comment) =>
        text.Substring(comment.Start + 1, Math.Max(0, comment.End - comment.Start - 1));

    private static Annotation? Read(string yaml, SourceLocation location, List<Diagnostic> errors)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            errors.Add(new Diagnostic(DiagnosticCodes.ParseError, "expected METADATA block, found whitespace", location));
            return null;
        }
        var annotation = new Annotation { Yaml = yaml, Location = location };
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                errors.Add(new Diagnostic(DiagnosticCodes.ParseError, "METADATA block must be a YAML mapping", location));
                return null;
            }
            foreach (var entry in root.Children)
            {
                var key = entry.Key is YamlScalarNode k ? k.Value ?? "" : entry.Key.ToString();
                var value = Convert(entry.Value, 0);
                annotation.Fields[key] = value;
                Apply(annotation, key, value);
            }
        }
        catch (YamlException ex)
        {
            errors.Add(new Diagnostic(DiagnosticCodes.ParseError, "yaml: " + ex.Message, location));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(new Diagnostic(DiagnosticCodes.ParseError, "yaml: " + ex.Message, location));
            return null;
        }
        return annotation;
    }

    private static void Apply(Annotation annotation, string key, object? value)
    {
        switch (key)
        {
            case "scope":
                annotation.Scope = value as string ?? annotation.Scope;
                annotation.ScopeGiven = value is string;
                break;
            case "title":
                annotation.Title = value?.ToString();
                break;
            case "description":
                annotation.Description = value?.ToString();
                break;
            case "entrypoint":
                annotation.Entrypoint = value is true;
                break;
            case "organizations":
                AddStrings(annotation.Organizations, value, null);
                break;
            case "authors":
                AddStrings(annotation.Authors, value, "name");
                break;
            case "related_resources":
                AddStrings(annotation.RelatedResources, value, "ref");
                break;
            case "custom" when value is Dictionary<string, object?> custom:
                foreach (var item in custom)
                {
                    annotation.Custom[item.Key] = item.Value;
                }
                break;
        }
    }

    /// <summary>Adds string items; map items contribute their <paramref name="mapKey"/> field (authors also their email).</summary>
    private static void AddStrings(List<string> into, object? value, string? mapKey)
    {
        if (value is not List<object?> items)
        {
            return;
        }
        foreach (var item in items)
        {
            switch (item)
            {
                case string s:
                    into.Add(s);
                    break;
                case Dictionary<string, object?> map when mapKey is not null:
                    var main = map.TryGetValue(mapKey, out var m) ? m?.ToString() : null;
                    var email = map.TryGetValue("email", out var e) ? e?.ToString() : null;
                    if (main is not null && email is not null)
                    {
                        into.Add($"{main} <{email}>");
                    }
                    else if ((main ?? email) is { } only)
                    {
                        into.Add(only);
                    }
                    break;
            }
        }
    }

    private static object? Convert(YamlNode node, int depth)
    {
        if (depth > MaxYamlDepth)
        {
            throw new InvalidOperationException("METADATA block nests too deeply");
        }
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var list = new List<object?>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    list.Add(Convert(child, depth + 1));
                }
                return list;
            case YamlMappingNode mapping:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var entry in mapping.Children)
                {
                    var key = entry.Key is YamlScalarNode k ? k.Value ?? "" : entry.Key.ToString();
                    map[key] = Convert(entry.Value, depth + 1);
                }
                return map;
            default:
                return null;
        }
    }

    /// <summary>Plain scalars follow YAML's core schema (bool, null, integer, float); quoted ones are strings.</summary>
    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return value;
        }
        switch (value)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && char.IsAsciiDigit(value[^1]))
        {
            return real;
        }
        return value;
    }

    /// <summary>Hangs the annotation on the first package or rule that starts after the block.</summary>
    private static void AttachTo(Module module, Annotation annotation, int lastLine)
    {
        module.Annotations.Add(annotation);
        if (module.Package.Location.Line > lastLine)
        {
            if (!annotation.ScopeGiven)
            {
                annotation.Scope = "package";
            }
            module.Package.Annotations.Add(annotation);
            return;
        }
        foreach (var rule in module.Rules)
        {
            if (rule.Location.Line > lastLine)
            {
                if (!annotation.ScopeGiven)
                {
                    annotation.Scope = "rule";
                }
                rule.Annotations.Add(annotation);
                return;
            }
        }
    }
}
