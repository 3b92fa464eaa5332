using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Net;

/// <summary>net.cidr_* builtins over IPv4 and IPv6 (Go's net.ParseCIDR/ParseIP syntax).</summary>
internal static class NetBuiltins
{
    /// <summary>cidr_expand refuses blocks larger than this so one call cannot exhaust a node's memory.</summary>
    private const int MaxExpansion = 1 << 20;

    public static void Register(BuiltinRegistry r)
    {
        r.Register("net.cidr_contains", (a, _) => JsonValue.Create(Cidr(a, 0, "net.cidr_contains").Contains(CidrOrIp(a, 1, "net.cidr_contains"))));
        r.Register("net.cidr_overlap", (a, _) => JsonValue.Create(Cidr(a, 0, "net.cidr_overlap").Contains(CidrOrIp(a, 1, "net.cidr_overlap"))));
        r.Register("net.cidr_intersects", (a, _) => JsonValue.Create(Cidr(a, 0, "net.cidr_intersects").Intersects(Cidr(a, 1, "net.cidr_intersects"))));
        r.Register("net.cidr_is_valid", (a, _) => JsonValue.Create(a[0] is JsonValue v && v.TryGetValue<string>(out var s) && IpNetwork.TryParseCidr(s, out IpNetwork _)));
        r.Register("net.cidr_expand", Expand);
        r.Register("net.cidr_merge", CidrMerge.Invoke);
        r.Register("net.cidr_contains_matches", ContainsMatches.Invoke);
    }

    internal static IpNetwork Cidr(ReadOnlySpan<JsonNode?> a, int index, string builtin)
    {
        var text = Args.String(a, index, builtin);
        return IpNetwork.TryParseCidr(text, out var network) ? network : throw Args.Error(builtin, $"invalid CIDR address: {text}");
    }

    internal static IpNetwork CidrOrIp(ReadOnlySpan<JsonNode?> a, int index, string builtin) => CidrOrIp(Args.String(a, index, builtin), builtin);

    internal static IpNetwork CidrOrIp(string text, string builtin)
    {
        if (IpNetwork.TryParseCidr(text, out var network) || IpNetwork.TryParseIp(text, out network))
        {
            return network;
        }
        throw Args.Error(builtin, $"invalid CIDR address: {text}");
    }

    private static JsonNode? Expand(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var network = Cidr(a, 0, "net.cidr_expand");
        if (network.Last - network.First >= MaxExpansion)
        {
            throw Args.Error("net.cidr_expand", $"CIDR {network} has more than {MaxExpansion} addresses");
        }
        var result = new JsonArray();
        for (var ip = network.First; ip <= network.Last; ip += BigInteger.One)
        {
            result.Add(JsonValue.Create(IpNetwork.Format(ip, network.IsV4)));
        }
        return result;
    }
}
