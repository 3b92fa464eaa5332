using System.Buffers;
using System.Text.Unicode;

namespace Tollgate.Runtime.Instances;

/// <summary>
/// Checks that bytes are exactly one well-formed JSON value (RFC 8259: no comments, no trailing commas, nesting
/// at most <see cref="MaxDepth"/>, valid UTF-8) without building anything. It runs on every evaluation's input,
/// so it is a plain recursive-descent scan with vectorised searches through string bodies rather than a
/// tokenising reader (Utf8JsonReader cost about 8% of a seed-module evaluation).
/// </summary>
internal static class JsonValidation
{
    public const int MaxDepth = 1024;

    /// <summary>Bytes that end the plain run of a string body: the closing quote, an escape or a control byte.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }
        int pos = SkipWhitespace(json, 0);
        if (!Value(json, ref pos, 0))
        {
            return false;
        }
        return SkipWhitespace(json, pos) == json.Length;
    }

    private static bool Value(ReadOnlySpan<byte> s, ref int pos, int depth)
    {
        if (pos >= s.Length)
        {
            return false;
        }
        switch (s[pos])
        {
            case (byte)'{':
                return depth < MaxDepth && Object(s, ref pos, depth + 1);
            case (byte)'[':
                return depth < MaxDepth && Array(s, ref pos, depth + 1);
            case (byte)'"':
                return String(s, ref pos);
            case (byte)'t':
                return Literal(s, ref pos, "true"u8);
            case (byte)'f':
                return Literal(s, ref pos, "false"u8);
            case (byte)'n':
                return Literal(s, ref pos, "null"u8);
            default:
                return Number(s, ref pos);
        }
    }

    private static bool Object(ReadOnlySpan<byte> s, ref int pos, int depth)
    {
        pos = SkipWhitespace(s, pos + 1);
        if (pos < s.Length && s[pos] == '}')
        {
            pos++;
            return true;
        }
        while (true)
        {
            if (pos >= s.Length || s[pos] != '"' || !String(s, ref pos))
            {
                return false;
            }
            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length || s[pos] != ':')
            {
                return false;
            }
            pos = SkipWhitespace(s, pos + 1);
            if (!Value(s, ref pos, depth))
            {
                return false;
            }
            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length)
            {
                return false;
            }
            if (s[pos] == '}')
            {
                pos++;
                return true;
            }
            if (s[pos] != ',')
            {
                return false;
            }
            pos = SkipWhitespace(s, pos + 1);
        }
    }

    private static bool Array(ReadOnlySpan<byte> s, ref int pos, int depth)
    {
        pos = SkipWhitespace(s, pos + 1);
        if (pos < s.Length && s[pos] == ']')
        {
            pos++;
            return true;
        }
        while (true)
        {
            if (!Value(s, ref pos, depth))
            {
                return false;
            }
            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length)
            {
                return false;
            }
            if (s[pos] == ']')
            {
                pos++;
                return true;
            }
            if (s[pos] != ',')
            {
                return false;
            }
            pos = SkipWhitespace(s, pos + 1);
        }
    }

    /// <summary>At the opening quote; on success <paramref name="pos"/> is just past the closing quote.</summary>
    private static bool String(ReadOnlySpan<byte> s, ref int pos)
    {
        pos++;
        while (true)
        {
            int stop = s[pos..].IndexOfAny(StringStops);
            if (stop < 0)
            {
                return false;
            }
            pos += stop;
            byte b = s[pos];
            if (b == '"')
            {
                pos++;
                return true;
            }
            if (b != '\\' || pos + 1 >= s.Length)
            {
                return false; // a raw control byte, or a backslash at the very end
            }
            switch (s[pos + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    pos += 2;
                    break;
                case (byte)'u':
                    if (pos + 6 > s.Length || !IsHex(s[pos + 2]) || !IsHex(s[pos + 3]) || !IsHex(s[pos + 4]) || !IsHex(s[pos + 5]))
                    {
                        return false;
                    }
                    pos += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</summary>
    private static bool Number(ReadOnlySpan<byte> s, ref int pos)
    {
        if (pos < s.Length && s[pos] == '-')
        {
            pos++;
        }
        if (pos >= s.Length || !char.IsAsciiDigit((char)s[pos]))
        {
            return false;
        }
        if (s[pos] == '0')
        {
            pos++;
        }
        else
        {
            pos = SkipDigits(s, pos);
        }
        if (pos < s.Length && s[pos] == '.')
        {
            int start = ++pos;
            pos = SkipDigits(s, pos);
            if (pos == start)
            {
                return false;
            }
        }
        if (pos < s.Length && (s[pos] == 'e' || s[pos] == 'E'))
        {
            pos++;
            if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
            {
                pos++;
            }
            int start = pos;
            pos = SkipDigits(s, pos);
            if (pos == start)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> s, ref int pos, ReadOnlySpan<byte> word)
    {
        if (!s[pos..].StartsWith(word))
        {
            return false;
        }
        pos += word.Length;
        return true;
    }

    private static int SkipDigits(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && char.IsAsciiDigit((char)s[pos]))
        {
            pos++;
        }
        return pos;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '\t'))
        {
            pos++;
        }
        return pos;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);
}
