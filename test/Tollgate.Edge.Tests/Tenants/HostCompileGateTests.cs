using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Edge.Tests.Tenants;

/// <summary>
/// Edge processes sharing a module cache compile each module once per host. Two gates on one directory stand
/// in for two processes: their lock files are separate opens, which OS file locks keep apart.
/// </summary>
public sealed class HostCompileGateTests : IDisposable
{
    private const string Sha = "aa11";
    private readonly string _dir = Directory.CreateTempSubdirectory("tollgate-gate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_second_process_waits_until_the_first_has_loaded_the_module()
    {
        var first = new HostCompileGate(_dir);
        var second = new HostCompileGate(_dir);
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var order = new List<string>();
        var firstLoad = Task.Run(() => first.Run(Sha, order, o =>
        {
            holding.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            lock (o) o.Add("first");
            return 1;
        }));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));
        var secondLoad = Task.Run(() => second.Run(Sha, order, o =>
        {
            lock (o) o.Add("second");
            return 2;
        }));
        // The second load must be waiting on the first one's lock, not running.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (second.Waits == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(1, second.Waits);
        await Task.Delay(50);
        Assert.False(secondLoad.IsCompleted);
        release.Set();
        Assert.Equal(1, await firstLoad);
        Assert.Equal(2, await secondLoad);
        Assert.Equal(["first", "second"], order);
        Assert.Equal(1, second.Waits);
        Assert.Equal(0, first.Waits);
    }

    [Fact]
    public async Task A_module_this_process_already_loaded_needs_no_lock()
    {
        var local = new HostCompileGate(_dir);
        var other = new HostCompileGate(_dir);
        local.Run(Sha, 0, static _ => 0);
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var otherLoad = Task.Run(() => other.Run(Sha, 0, _ =>
        {
            holding.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            return 0;
        }));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(7, local.Run(Sha, 7, static s => s)); // would block if it took the held lock
        Assert.Equal(0, local.Waits);
        release.Set();
        await otherLoad;
    }

    [Fact]
    public async Task A_lock_held_too_long_is_given_up_and_the_load_runs_anyway()
    {
        var holder = new HostCompileGate(_dir);
        var impatient = new HostCompileGate(_dir, TimeSpan.FromMilliseconds(50));
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var held = Task.Run(() => holder.Run(Sha, 0, _ =>
        {
            holding.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            return 0;
        }));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, impatient.Run(Sha, 3, static s => s));
        Assert.Equal(1, impatient.Waits);
        release.Set();
        await held;
    }

    [Fact]
    public async Task Two_engines_sharing_a_cache_directory_compile_a_module_once()
    {
        var bundle = RegoBundles.Build("package envoy.authz\n\nimport rego.v1\n\ndefault allow := false\n\nallow if input.user == data.admin\n",
            """{"admin":"ann"}""", "r1", "envoy/authz/allow");
        var artifact = new TenantArtifact { TenantId = "t", Revision = "r1", Bundle = bundle, BundleSha256 = TenantArtifact.HashOf(bundle), Smoke = [] };
        var cache = Path.Combine(_dir, "modules");
        using var engineA = new PolicyEngine(new PolicyEngineOptions { CacheDirectory = cache });
        using var engineB = new PolicyEngine(new PolicyEngineOptions { CacheDirectory = cache });
        using var loaderA = new WasmPolicyLoader(engineA, gate: new HostCompileGate(cache));
        using var loaderB = new WasmPolicyLoader(engineB, gate: new HostCompileGate(cache));
        using var start = new ManualResetEventSlim();
        var a = Task.Run(() => { start.Wait(); return loaderA.Load(artifact); });
        var b = Task.Run(() => { start.Wait(); return loaderB.Load(artifact); });
        start.Set();
        using var policyA = await a;
        using var policyB = await b;
        Assert.Equal(1, engineA.CompiledModuleCount + engineB.CompiledModuleCount);
        Assert.Equal(policyA.ModuleSha256, policyB.ModuleSha256);
    }
}
