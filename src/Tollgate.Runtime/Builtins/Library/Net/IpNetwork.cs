using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Tollgate.Runtime.Builtins.Library.Net;

/// <summary>An address range as integers: the first and last address of a CIDR block (or a single IP).</summary>
internal readonly record struct IpNetwork(BigInteger First, BigInteger Last, int Prefix, bool IsV4)
{
    public int Bits => IsV4 ? 32 : 128;

    public bool Contains(IpNetwork other) => IsV4 == other.IsV4 && First <= other.First && other.Last <= Last;

    public bool Intersects(IpNetwork other) => IsV4 == other.IsV4 && First <= other.Last && other.First <= Last;

    /// <summary>Parses "a.b.c.d/n" or "v6/n" as Go's net.ParseCIDR does (host bits allowed, then masked).</summary>
    public static bool TryParseCidr(string text, out IpNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseAddress(text[..slash], out var address, out var isV4))
        {
            return false;
        }
        var prefixText = text[(slash + 1)..];
        if (prefixText.Length == 0 || prefixText.Length > 3 || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > (isV4 ? 32 : 128)
            || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            return false;
        }
        network = FromPrefix(address, prefix, isV4);
        return true;
    }

    public static IpNetwork FromPrefix(BigInteger address, int prefix, bool isV4)
    {
        var bits = isV4 ? 32 : 128;
        var hostMask = (BigInteger.One << (bits - prefix)) - 1;
        var first = address & ~hostMask & ((BigInteger.One << bits) - 1);
        return new IpNetwork(first, first | hostMask, prefix, isV4);
    }

    public static bool TryParseIp(string text, out IpNetwork network)
    {
        network = default;
        if (!TryParseAddress(text, out var address, out var isV4))
        {
            return false;
        }
        network = new IpNetwork(address, address, isV4 ? 32 : 128, isV4);
        return true;
    }

    /// <summary>Go's net.ParseIP: dotted quads without leading zeros, or IPv6 text without zone or brackets.</summary>
    public static bool TryParseAddress(string text, out BigInteger value, out bool isV4)
    {
        value = BigInteger.Zero;
        isV4 = false;
        if (text.Length == 0 || text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal))
        {
            return false;
        }
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            var parts = text.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0') || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
                {
                    return false;
                }
                value = (value << 8) | octet;
            }
            isV4 = true;
            return true;
        }
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }
        return true;
    }

    public static string Format(BigInteger value, bool isV4)
    {
        if (isV4)
        {
            return string.Join('.', (int)((value >> 24) & 0xff), (int)((value >> 16) & 0xff), (int)((value >> 8) & 0xff), (int)(value & 0xff));
        }
        var bytes = new byte[16];
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }
        return new IPAddress(bytes).ToString();
    }

    public override string ToString() => Format(First, IsV4) + "/" + Prefix.ToString(CultureInfo.InvariantCulture);
}
