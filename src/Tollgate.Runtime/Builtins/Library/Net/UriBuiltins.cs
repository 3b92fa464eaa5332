using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Net;

/// <summary>
/// uri.parse and uri.is_valid, following Go's net/url.Parse: scheme, authority (hostname, port), path with its
/// escaped form, and fragment. Empty components are left out of the result, as OPA does.
/// </summary>
internal static class UriBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("uri.parse", Parse);
        r.Register("uri.is_valid", IsValid);
    }

    /// <summary>The parts of a URL; every field is empty when absent.</summary>
    private sealed class Parts
    {
        public string Scheme = string.Empty;
        public string Hostname = string.Empty;
        public string Port = string.Empty;
        public string Path = string.Empty;
        public string RawPath = string.Empty;
        public string RawQuery = string.Empty;
        public string Fragment = string.Empty;
    }

    private static JsonNode? Parse(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "uri.parse");
        if (!TryParse(text, out var parts, out var error))
        {
            throw Args.Error("uri.parse", $"parse {RegoText.Quote(text)}: {error}");
        }
        var result = new JsonObject();
        Add(result, "scheme", parts.Scheme);
        Add(result, "hostname", parts.Hostname);
        Add(result, "port", parts.Port);
        Add(result, "path", parts.Path);
        Add(result, "raw_path", parts.RawPath);
        Add(result, "raw_query", parts.RawQuery);
        Add(result, "fragment", parts.Fragment);
        return result;
    }

    private static JsonNode? IsValid(ReadOnlySpan<JsonNode?> a, BuiltinContext _) =>
        JsonValue.Create(a[0] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 && TryParse(text, out var _, out var _));

    private static void Add(JsonObject result, string key, string value)
    {
        if (value.Length > 0)
        {
            result[key] = value;
        }
    }

    private static bool TryParse(string text, out Parts parts, out string error)
    {
        parts = new Parts();
        error = string.Empty;
        var rest = text;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!TryUnescape(rest[(hash + 1)..], out parts.Fragment))
            {
                error = "invalid URL escape";
                return false;
            }
            rest = rest[..hash];
        }
        if (!TrySplitScheme(rest, out parts.Scheme, out rest, out error))
        {
            return false;
        }
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            parts.RawQuery = rest[(question + 1)..];
            rest = rest[..question];
        }
        if (parts.Scheme.Length > 0 && !rest.StartsWith('/'))
        {
            // Opaque form (mailto:user@host): Go keeps it whole and OPA reports only the scheme.
            return true;
        }
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var authority = slash >= 0 ? rest[2..slash] : rest[2..];
            rest = slash >= 0 ? rest[slash..] : string.Empty;
            if (!TryParseAuthority(authority, parts, out error))
            {
                return false;
            }
        }
        if (!TryUnescape(rest, out parts.Path))
        {
            error = "invalid URL escape";
            return false;
        }
        parts.RawPath = rest;
        return true;
    }

    private static bool TrySplitScheme(string text, out string scheme, out string rest, out string error)
    {
        scheme = string.Empty;
        rest = text;
        error = string.Empty;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return true;
                }
                continue;
            }
            if (c == ':')
            {
                if (i == 0)
                {
                    error = "missing protocol scheme";
                    return false;
                }
                scheme = text[..i].ToLowerInvariant();
                rest = text[(i + 1)..];
            }
            return true;
        }
        return true;
    }

    private static bool TryParseAuthority(string authority, Parts parts, out string error)
    {
        error = string.Empty;
        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        string port;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "missing ']' in host";
                return false;
            }
            parts.Hostname = host[1..close];
            var after = host[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
            {
                error = $"invalid port {RegoText.Quote(after)} after host";
                return false;
            }
            port = after.Length > 0 ? after[1..] : string.Empty;
        }
        else
        {
            var colon = host.LastIndexOf(':');
            parts.Hostname = colon >= 0 ? host[..colon] : host;
            port = colon >= 0 ? host[(colon + 1)..] : string.Empty;
            if (!TryUnescape(parts.Hostname, out parts.Hostname))
            {
                error = "invalid URL escape";
                return false;
            }
        }
        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = $"invalid port {RegoText.Quote(":" + port)} after host";
                return false;
            }
        }
        parts.Port = port;
        return true;
    }

    /// <summary>Percent-decoding; false on a malformed escape (Go rejects those rather than passing them through).</summary>
    private static bool TryUnescape(string text, out string value)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            value = text;
            return true;
        }
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    value = string.Empty;
                    return false;
                }
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                i += length - 1;
            }
        }
        value = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }
}
