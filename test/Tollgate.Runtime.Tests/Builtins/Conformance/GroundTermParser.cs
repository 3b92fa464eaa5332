using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>
/// Parses the ground Rego terms a conformance case passes to a builtin (scalars, strings, raw strings,
/// arrays, objects, sets) into the JSON a module would dump: sets become sorted arrays, non-string object
/// keys become their JSON text. References resolve through <see cref="Resolve"/>; anything else
/// (operators, calls, comprehensions) makes the case unsupported.
/// </summary>
internal sealed class GroundTermParser
{
    private readonly string _text;
    private int _pos;

    private GroundTermParser(string text, Func<string, JsonNode?>? resolve)
    {
        _text = text;
        Resolve = resolve;
    }

    /// <summary>Looks up variables and data/input references; null result = unsupported.</summary>
    public Func<string, JsonNode?>? Resolve { get; }

    public sealed class UnsupportedException(string message) : Exception(message);

    public static List<JsonNode?> ParseArguments(string text, Func<string, JsonNode?>? resolve)
    {
        var parser = new GroundTermParser(text, resolve);
        var list = new List<JsonNode?>();
        parser.SkipSpace();
        while (parser._pos < parser._text.Length)
        {
            list.Add(parser.ParseTerm());
            parser.SkipSpace();
            if (parser._pos < parser._text.Length)
            {
                parser.Expect(',');
                parser.SkipSpace();
            }
        }
        return list;
    }

    public static JsonNode? ParseOne(string text, Func<string, JsonNode?>? resolve)
    {
        var parser = new GroundTermParser(text, resolve);
        parser.SkipSpace();
        var term = parser.ParseTerm();
        parser.SkipSpace();
        if (parser._pos != parser._text.Length)
        {
            throw new UnsupportedException("trailing text: " + text[parser._pos..]);
        }
        return term;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] != c)
        {
            throw new UnsupportedException($"expected '{c}' at {_pos} in {_text}");
        }
        _pos++;
    }

    private JsonNode? ParseTerm()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new UnsupportedException("unexpected end");
        }
        var c = _text[_pos];
        JsonNode? term;
        if (c == '"')
        {
            term = JsonValue.Create(ParseString());
        }
        else if (c == '`')
        {
            var end = _text.IndexOf('`', _pos + 1);
            term = JsonValue.Create(_text[(_pos + 1)..end]);
            _pos = end + 1;
        }
        else if (c == '[')
        {
            _pos++;
            var array = new JsonArray();
            SkipSpace();
            while (_text[_pos] != ']')
            {
                array.Add(ParseTerm());
                SkipSpace();
                if (_text[_pos] == ',')
                {
                    _pos++;
                    SkipSpace();
                }
            }
            _pos++;
            term = array;
        }
        else if (c == '{')
        {
            term = ParseBraces();
        }
        else if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = _pos;
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
            {
                if (_text[_pos] is '+' or '-' && _text[_pos - 1] is not ('e' or 'E'))
                {
                    break;
                }
                _pos++;
            }
            term = JsonNode.Parse(_text[start.._pos]);
        }
        else
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '[' or ']' or '"'))
            {
                if (_text[_pos] == '"' && !(_pos > 0 && _text[_pos - 1] == '['))
                {
                    break;
                }
                if (_text[_pos] == '"')
                {
                    _pos = _text.IndexOf('"', _pos + 1);
                }
                _pos++;
            }
            var word = _text[start.._pos];
            if (word == "set" && _pos < _text.Length && _text[_pos] == '(')
            {
                Expect('(');
                Expect(')');
                term = new JsonArray();
            }
            else
            {
                term = word switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "null" => null,
                    "" => throw new UnsupportedException($"unexpected '{c}' in {_text}"),
                    _ => Lookup(word),
                };
            }
        }
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] is '+' or '*' or '/' or '|' or '&' or '(' or '%' or '<' or '>' or '=')
        {
            throw new UnsupportedException("expression, not a ground term: " + _text);
        }
        if (_pos + 1 < _text.Length && _text[_pos] == '-' && _text[_pos + 1] == ' ')
        {
            throw new UnsupportedException("expression, not a ground term: " + _text);
        }
        return term;
    }

    private JsonNode? Lookup(string reference)
    {
        if (Resolve is null)
        {
            throw new UnsupportedException("reference " + reference);
        }
        var value = Resolve(reference);
        return value?.DeepClone() ?? (IsNullRef(reference) ? null : throw new UnsupportedException("unresolved " + reference));
    }

    private static bool IsNullRef(string reference) => reference == "null";

    private JsonNode ParseBraces()
    {
        _pos++;
        SkipSpace();
        if (_text[_pos] == '}')
        {
            _pos++;
            return new JsonObject();
        }
        var first = ParseTerm();
        SkipSpace();
        if (_text[_pos] == ':')
        {
            var obj = new JsonObject();
            _pos++;
            obj[KeyText(first)] = ParseTerm();
            SkipSpace();
            while (_text[_pos] == ',')
            {
                _pos++;
                SkipSpace();
                if (_text[_pos] == '}')
                {
                    break;
                }
                var key = ParseTerm();
                Expect(':');
                obj[KeyText(key)] = ParseTerm();
                SkipSpace();
            }
            Expect('}');
            return obj;
        }
        var elements = new List<JsonNode?> { first };
        while (_text[_pos] == ',')
        {
            _pos++;
            SkipSpace();
            if (_text[_pos] == '}')
            {
                break;
            }
            elements.Add(ParseTerm());
            SkipSpace();
        }
        Expect('}');
        return JsonValues.Set(elements);
    }

    private static string KeyText(JsonNode? key) =>
        key is JsonValue v && v.TryGetValue<string>(out var s) ? s : key?.ToJsonString() ?? "null";

    private string ParseString()
    {
        var sb = new StringBuilder();
        _pos++;
        while (_text[_pos] != '"')
        {
            var c = _text[_pos++];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            var e = _text[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _pos += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
        _pos++;
        return sb.ToString();
    }
}
