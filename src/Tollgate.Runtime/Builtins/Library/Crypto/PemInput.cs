using System.Text;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>
/// Certificate and key operands as OPA accepts them: PEM text, base64 of PEM, or base64 of DER. Returns the
/// PEM blocks (type and DER bytes) in order.
/// </summary>
internal static class PemInput
{
    public readonly record struct Block(string Type, byte[] Der);

    public static List<Block> Read(string text, string builtin, string derType)
    {
        if (!text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var bytes = Base64.Decode(text.Trim(), url: false, padded: true, builtin);
            var decoded = Encoding.UTF8.GetString(bytes);
            if (!decoded.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                return [new Block(derType, bytes)];
            }
            text = decoded;
        }
        return ParsePem(text, builtin);
    }

    public static List<Block> ParsePem(string text, string builtin)
    {
        var blocks = new List<Block>();
        var position = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN ", position, StringComparison.Ordinal);
            if (begin < 0)
            {
                break;
            }
            var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
            if (typeEnd < 0)
            {
                break;
            }
            var type = text[(begin + 11)..typeEnd];
            var endMarker = "-----END " + type + "-----";
            var end = text.IndexOf(endMarker, typeEnd + 5, StringComparison.Ordinal);
            if (end < 0)
            {
                throw Args.Error(builtin, "failed to parse a PEM block");
            }
            var body = text[(typeEnd + 5)..end];
            var sb = new StringBuilder(body.Length);
            foreach (var line in body.Split('\n'))
            {
                // Headers such as "Proc-Type: 4,ENCRYPTED" precede the base64 body.
                if (!line.Contains(':', StringComparison.Ordinal))
                {
                    sb.Append(line.Trim());
                }
            }
            byte[] der;
            try
            {
                der = Convert.FromBase64String(sb.ToString());
            }
            catch (FormatException)
            {
                throw Args.Error(builtin, "failed to parse a PEM block");
            }
            blocks.Add(new Block(type, der));
            position = end + endMarker.Length;
        }
        return blocks;
    }
}
