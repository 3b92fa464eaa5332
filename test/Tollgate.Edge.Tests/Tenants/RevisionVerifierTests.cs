using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Tenants;

public class RevisionVerifierTests
{
    private static ITenantPolicy Policy(params string[] allow) =>
        new FakeLoader().Load(FakeLoader.Artifact("t", "r", FakeLoader.BoolSpec("r", allow)));

    [Fact]
    public void Passing_cases_verify()
    {
        using var policy = Policy("/a");
        Assert.Null(RevisionVerifier.Verify(policy, "envoy/authz/allow", [FakeLoader.PathSmoke("/a", true), FakeLoader.PathSmoke("/b", false)]));
    }

    [Fact]
    public void A_wrong_answer_names_the_case_and_both_values()
    {
        using var policy = Policy("/a");
        var error = RevisionVerifier.Verify(policy, "envoy/authz/allow", [FakeLoader.PathSmoke("/a", true), FakeLoader.PathSmoke("/b", true)]);
        Assert.Equal("smoke case 1 (envoy/authz/allow): expected true, got false", error);
    }

    [Fact]
    public void A_missing_decision_entrypoint_fails_verification()
    {
        using var policy = Policy("/a");
        Assert.Equal("the module has no entrypoint 'other/allow'", RevisionVerifier.Verify(policy, "other/allow", []));
    }

    [Fact]
    public void Objects_compare_semantically()
    {
        var loader = new FakeLoader();
        using var policy = loader.Load(FakeLoader.Artifact("t", "r", """{"result_json":"[{\"result\":{\"b\":[1,2],\"a\":1.0}}]"}"""u8.ToArray()));
        var smoke = SmokeCase.ParseList("""[{"input":{},"expect":{"a":1,"b":[1,2]}}]"""u8);
        Assert.Null(RevisionVerifier.Verify(policy, "envoy/authz/allow", smoke));
        var wrong = SmokeCase.ParseList("""[{"input":{},"expect":{"a":1,"b":[2,1]}}]"""u8);
        Assert.NotNull(RevisionVerifier.Verify(policy, "envoy/authz/allow", wrong));
    }

    [Fact]
    public void Undefined_results_pass_only_when_expected()
    {
        var loader = new FakeLoader();
        using var policy = loader.Load(FakeLoader.Artifact("t", "r", """{"result_json":"[]"}"""u8.ToArray()));
        Assert.Null(RevisionVerifier.Verify(policy, "envoy/authz/allow", SmokeCase.ParseList("""[{"input":{},"expect_undefined":true}]"""u8)));
        Assert.Equal("smoke case 0 (envoy/authz/allow): expected true, got undefined",
            RevisionVerifier.Verify(policy, "envoy/authz/allow", SmokeCase.ParseList("""[{"input":{},"expect":true}]"""u8)));
    }

    [Fact]
    public void Smoke_lists_without_expectations_are_rejected()
    {
        Assert.Throws<FormatException>(() => SmokeCase.ParseList("""[{"input":{}}]"""u8));
        Assert.Throws<FormatException>(() => SmokeCase.ParseList("""{"input":{}}"""u8));
    }
}
