using System.Text;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>Strict base64 (Go's StdEncoding/URLEncoding): padding required, no whitespace, Go's error text.</summary>
internal static class Base64
{
    private const string Std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string UrlEncode(byte[] bytes, bool pad)
    {
        var text = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
        return pad ? text : text.TrimEnd('=');
    }

    public static byte[] Decode(string text, bool url, bool padded, string builtin)
    {
        if (TryDecode(text, url, padded, out var bytes, out var badIndex))
        {
            return bytes;
        }
        throw Values.Args.Error(builtin, $"illegal base64 data at input byte {badIndex}");
    }

    /// <summary>Decodes, or reports the offset of the first illegal byte as Go's CorruptInputError does.</summary>
    public static bool TryDecode(string text, bool url, bool padded, out byte[] bytes, out int badIndex)
    {
        var alphabet = url ? Url : Std;
        var output = new List<byte>(text.Length * 3 / 4);
        bytes = [];
        var i = 0;
        while (i < text.Length)
        {
            var quantum = new int[4];
            var count = 0;
            var start = i;
            while (count < 4 && i < text.Length)
            {
                var c = text[i];
                if (c == '=')
                {
                    break;
                }
                var value = alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0)
                {
                    badIndex = i;
                    return false;
                }
                quantum[count++] = value;
                i++;
            }
            if (count < 4)
            {
                if (count == 1)
                {
                    badIndex = i < text.Length ? i : start + 1;
                    return false;
                }
                if (i < text.Length)
                {
                    // Padding: exactly 4 - count '=' characters and nothing after them.
                    var needed = 4 - count;
                    for (var k = 0; k < needed; k++)
                    {
                        if (i + k >= text.Length || text[i + k] != '=')
                        {
                            badIndex = i + k >= text.Length ? text.Length : i + k;
                            return false;
                        }
                    }
                    if (i + needed != text.Length)
                    {
                        badIndex = i + needed;
                        return false;
                    }
                    i += needed;
                }
                else if (padded && count > 0)
                {
                    badIndex = text.Length;
                    return false;
                }
            }
            var bits = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
            if (count >= 2)
            {
                output.Add((byte)(bits >> 16));
            }
            if (count >= 3)
            {
                output.Add((byte)(bits >> 8));
            }
            if (count == 4)
            {
                output.Add((byte)bits);
            }
        }
        bytes = output.ToArray();
        badIndex = -1;
        return true;
    }
}
