using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Edge.Tests.Tenants;

/// <summary>
/// Smoke cases run with the loader's verification deadline, not the serving one: a revision is not rejected
/// because its thread was descheduled during a mass activation, but a runaway smoke case still fails.
/// </summary>
public sealed class VerificationDeadlineTests
{
    // Counts a range: a few ms to tens of ms of work, depending on the bound.
    private const string Counting = """
        package envoy.authz

        import rego.v1

        n := count([x | some x in numbers.range(1, data.bound)])

        allow if n > 0
        """;

    private static TenantArtifact Artifact(int bound, string expect) => new()
    {
        TenantId = "t",
        Revision = "r1",
        Bundle = RegoBundles.Build(Counting, $$"""{"bound":{{bound}}}""", "r1", "envoy/authz/allow", "envoy/authz/n"),
        BundleSha256 = "unused",
        Smoke = SmokeCase.ParseList(System.Text.Encoding.UTF8.GetBytes($$"""[{"input":{},"entrypoint":"envoy/authz/n","expect":{{expect}}}]""")),
    };

    [Fact]
    public void A_smoke_case_slower_than_the_serving_limit_passes_within_the_verification_deadline()
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions { EvaluationTimeout = TimeSpan.FromMilliseconds(1) });
        using var loader = new WasmPolicyLoader(engine);
        Assert.Equal(WasmPolicyLoader.DefaultVerificationTimeout, loader.VerificationTimeout);
        var artifact = Artifact(300_000, "300000");
        using var policy = loader.Load(artifact);
        // Serving keeps its own limit...
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Throws<PolicyTimeoutException>(() => policy.Evaluate("envoy/authz/n", "{}"u8, output));
        // ...verification does not reject the revision for it.
        Assert.Null(RevisionVerifier.Verify(policy, "envoy/authz/allow", artifact.Smoke));
    }

    // A billion cheap iterations that allocate nothing: only the deadline stops it.
    private const string Runaway = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if {
            some a in data.xs
            some b in data.xs
            some c in data.xs
            a + b + c < 0
        }
        """;

    [Fact]
    public void A_runaway_smoke_case_still_fails_at_the_verification_deadline()
    {
        using var engine = new PolicyEngine();
        using var loader = new WasmPolicyLoader(engine, verificationTimeout: TimeSpan.FromMilliseconds(50));
        var xs = string.Join(',', Enumerable.Range(0, 1000));
        var bundle = RegoBundles.Build(Runaway, $$"""{"xs":[{{xs}}]}""", "r1", "envoy/authz/allow");
        var artifact = new TenantArtifact
        {
            TenantId = "t",
            Revision = "r1",
            Bundle = bundle,
            BundleSha256 = TenantArtifact.HashOf(bundle),
            Smoke = SmokeCase.ParseList("""[{"input":{},"expect":false}]"""u8),
        };
        using var policy = loader.Load(artifact);
        var error = RevisionVerifier.Verify(policy, "envoy/authz/allow", artifact.Smoke);
        Assert.NotNull(error);
        Assert.Contains("time limit of 50 ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verification_deadline_is_never_shorter_than_the_serving_limit()
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions { EvaluationTimeout = TimeSpan.FromSeconds(5) });
        using var loader = new WasmPolicyLoader(engine);
        Assert.Equal(TimeSpan.FromSeconds(5), loader.VerificationTimeout);
    }
}
