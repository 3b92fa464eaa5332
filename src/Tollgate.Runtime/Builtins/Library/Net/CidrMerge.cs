using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Net;

/// <summary>net.cidr_merge: the smallest list of CIDR blocks covering exactly the given blocks and addresses.</summary>
internal static class CidrMerge
{
    private const string Name = "net.cidr_merge";

    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        if (a[0] is not JsonArray items)
        {
            throw Args.OneOf(Name, 0, "array, set", a[0]);
        }
        var v4 = new List<IpNetwork>();
        var v6 = new List<IpNetwork>();
        foreach (var item in items)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                throw new BuiltinException(BuiltinException.TypeError, $"{Name}: operand 1 must be array of strings but got array containing {RegoTypes.Name(item)}");
            }
            IpNetwork network;
            if (text.Contains('/', StringComparison.Ordinal))
            {
                if (!IpNetwork.TryParseCidr(text, out network))
                {
                    throw Args.Error(Name, $"invalid CIDR address: {text}");
                }
            }
            else if (IpNetwork.TryParseIp(text, out network))
            {
                if (!network.IsV4)
                {
                    throw Args.Error(Name, "IPv6 invalid: needs prefix length");
                }
                // Go's IP.DefaultMask: the classful mask (A /8, B /16, C and above /24).
                var firstOctet = (int)(network.First >> 24);
                network = IpNetwork.FromPrefix(network.First, firstOctet < 0x80 ? 8 : firstOctet < 0xC0 ? 16 : 24, isV4: true);
            }
            else
            {
                throw Args.Error(Name, $"IP {text} invalid: needs prefix length");
            }
            (network.IsV4 ? v4 : v6).Add(network);
        }
        var result = new JsonArray();
        Merge(v4, result);
        Merge(v6, result);
        return result;
    }

    private static void Merge(List<IpNetwork> networks, JsonArray result)
    {
        if (networks.Count == 0)
        {
            return;
        }
        networks.Sort((x, y) => x.First.CompareTo(y.First));
        var isV4 = networks[0].IsV4;
        var start = networks[0].First;
        var end = networks[0].Last;
        for (var i = 1; i < networks.Count; i++)
        {
            if (networks[i].First <= end + 1)
            {
                if (networks[i].Last > end)
                {
                    end = networks[i].Last;
                }
                continue;
            }
            Emit(start, end, isV4, result);
            start = networks[i].First;
            end = networks[i].Last;
        }
        Emit(start, end, isV4, result);
    }

    /// <summary>Splits [start, end] into maximal aligned blocks.</summary>
    private static void Emit(BigInteger start, BigInteger end, bool isV4, JsonArray result)
    {
        var bits = isV4 ? 32 : 128;
        while (start <= end)
        {
            var size = 0;
            while (size < bits)
            {
                var next = BigInteger.One << (size + 1);
                if (!(start % next).IsZero || start + next - 1 > end)
                {
                    break;
                }
                size++;
            }
            var network = IpNetwork.FromPrefix(start, bits - size, isV4);
            result.Add(JsonValue.Create(network.ToString()));
            start = network.Last + 1;
        }
    }
}
