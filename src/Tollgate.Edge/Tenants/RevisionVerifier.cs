using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tollgate.Edge.Tenants;

/// <summary>Runs a revision's smoke cases on its freshly loaded policy before it may serve.</summary>
public static class RevisionVerifier
{
    /// <summary>Returns null when every case passes, else a message naming the first failing case.</summary>
    public static string? Verify(ITenantPolicy policy, string decisionEntrypoint, IReadOnlyList<SmokeCase> cases)
    {
        if (!policy.HasEntrypoint(decisionEntrypoint))
        {
            return $"the module has no entrypoint '{decisionEntrypoint}'";
        }
        var output = new ArrayBufferWriter<byte>(256);
        for (var i = 0; i < cases.Count; i++)
        {
            var smoke = cases[i];
            var entrypoint = smoke.Entrypoint ?? decisionEntrypoint;
            output.ResetWrittenCount();
            try
            {
                policy.EvaluateForVerification(entrypoint, Encoding.UTF8.GetBytes(smoke.InputJson), output);
            }
            catch (Exception e)
            {
                return $"smoke case {i} ({entrypoint}) failed to evaluate: {e.Message}";
            }
            var failure = Compare(output.WrittenSpan, smoke);
            if (failure is not null)
            {
                return $"smoke case {i} ({entrypoint}): {failure}";
            }
        }
        return null;
    }

    private static string? Compare(ReadOnlySpan<byte> resultSet, SmokeCase smoke)
    {
        using var doc = JsonDocument.Parse(resultSet.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return "the module returned a result that is not a result set";
        }
        if (root.GetArrayLength() == 0)
        {
            return smoke.ExpectUndefined ? null : $"expected {smoke.ExpectJson}, got undefined";
        }
        if (!root[0].TryGetProperty("result", out var actual))
        {
            return "the result set has no \"result\"";
        }
        if (smoke.ExpectUndefined)
        {
            return $"expected undefined, got {actual.GetRawText()}";
        }
        using var expected = JsonDocument.Parse(smoke.ExpectJson!);
        // A boolean expectation checks an ext_authz decision object's "allowed" (the rest may carry headers, ids, times).
        if (expected.RootElement.ValueKind is JsonValueKind.True or JsonValueKind.False
            && actual.ValueKind == JsonValueKind.Object && actual.TryGetProperty("allowed", out var allowed))
        {
            return allowed.ValueKind == expected.RootElement.ValueKind
                ? null
                : $"expected allowed = {smoke.ExpectJson}, got {actual.GetRawText()}";
        }
        return JsonValueEquality.AreEqual(expected.RootElement, actual)
            ? null
            : $"expected {smoke.ExpectJson}, got {actual.GetRawText()}";
    }
}
