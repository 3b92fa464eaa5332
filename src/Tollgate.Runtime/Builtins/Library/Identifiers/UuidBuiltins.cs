using System.Globalization;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Identifiers;

/// <summary>uuid.rfc4122 (random version 4, stable per key within one evaluation) and uuid.parse.</summary>
internal static class UuidBuiltins
{
    /// <summary>100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch.</summary>
    private const long GregorianToUnix = 0x01B21DD213814000;

    public static void Register(BuiltinRegistry r)
    {
        r.Register("uuid.rfc4122", Generate);
        r.Register("uuid.parse", Parse);
    }

    private static JsonNode? Generate(ReadOnlySpan<JsonNode?> a, BuiltinContext context)
    {
        var key = "uuid.rfc4122\u0000" + Args.String(a, 0, "uuid.rfc4122");
        if (!context.Cache.TryGetValue(key, out var cached) || cached is not string value)
        {
            value = Guid.NewGuid().ToString("D");
            context.Cache[key] = value;
        }
        return JsonValue.Create(value);
    }

    private static JsonNode? Parse(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        if (a[0] is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            throw BuiltinException.Type("uuid.parse", 1, "string", RegoTypes.Name(a[0]));
        }
        var bytes = Decode(text);
        if (bytes is null)
        {
            return null;
        }
        var version = bytes[6] >> 4;
        var result = new JsonObject
        {
            ["variant"] = Variant(bytes[8]),
            ["version"] = RegoNumber.Of(version),
        };
        if (version is 1 or 2)
        {
            long timeLow = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
            long timeMid = (bytes[4] << 8) | bytes[5];
            long timeHigh = ((bytes[6] & 0x0f) << 8) | bytes[7];
            var timestamp = (timeHigh << 48) | (timeMid << 32) | timeLow;
            result["time"] = RegoNumber.Of((timestamp - GregorianToUnix) * 100);
            result["clocksequence"] = RegoNumber.Of(((bytes[8] & 0x3f) << 8) | bytes[9]);
            result["nodeid"] = string.Join('-', Hex(bytes, 10), Hex(bytes, 11), Hex(bytes, 12), Hex(bytes, 13), Hex(bytes, 14), Hex(bytes, 15));
            result["macvariables"] = ((bytes[10] & 0x02) != 0 ? "local" : "global") + ":" + ((bytes[10] & 0x01) != 0 ? "multicast" : "unicast");
            if (version == 2)
            {
                result["id"] = RegoNumber.Of(timeLow);
                result["domain"] = bytes[9] switch
                {
                    0 => "Person",
                    1 => "Group",
                    2 => "Org",
                    var d => "Domain" + d.ToString(CultureInfo.InvariantCulture),
                };
            }
        }
        return result;
    }

    private static string Hex(byte[] bytes, int index) => bytes[index].ToString("x2", CultureInfo.InvariantCulture);

    private static string Variant(byte b) => (b & 0xc0) == 0x80 ? "RFC4122" : (b & 0xe0) == 0xc0 ? "Microsoft" : (b & 0xe0) == 0xe0 ? "Future" : "Reserved";

    /// <summary>The 16 bytes of a UUID in any of the forms google/uuid accepts, or null.</summary>
    private static byte[]? Decode(string text)
    {
        string hex;
        switch (text.Length)
        {
            case 36:
                hex = Dashed(text);
                break;
            case 38 when text[0] == '{' && text[^1] == '}':
                hex = Dashed(text[1..^1]);
                break;
            case 45 when text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase):
                hex = Dashed(text[9..]);
                break;
            case 32:
                hex = text;
                break;
            default:
                return null;
        }
        if (hex.Length != 32)
        {
            return null;
        }
        var bytes = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }
        return bytes;
    }

    private static string Dashed(string text) =>
        text.Length == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-' ? text.Replace("-", string.Empty, StringComparison.Ordinal) : string.Empty;
}
