using System.Net;
using Grpc.Net.Client;
using Tollgate.Edge.ExtAuthz.Wire;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Tenants;

/// <summary>
/// 100 revision swaps and 5 rollbacks (plus 5 rejected revisions) while clients send checks over HTTP and
/// gRPC: every answer must be the correct answer of one of the two revisions, and nothing may fail.
/// </summary>
public class HotSwapTests
{
    private static readonly string[] Paths = ["/a", "/b", "/c"];

    /// <summary>Revision "A" allows only /a, revision "B" only /b; both deny /c.</summary>
    private static bool Expected(string revision, string path) => (revision, path) is ("A", "/a") or ("B", "/b");

    private static IReadOnlyList<SmokeCase> SmokeFor(string revision) =>
        [FakeLoader.PathSmoke("/a", revision == "A"), FakeLoader.PathSmoke("/b", revision == "B"), FakeLoader.PathSmoke("/c", false)];

    [Fact]
    public async Task Swaps_and_rollbacks_under_load_answer_every_request_correctly()
    {
        var loader = new FakeLoader();
        await using var server = await EdgeTestServer.StartAsync(loader: loader);
        server.Activate("hot", "A-0", FakeLoader.Spec("A", "object", "/a"), SmokeFor("A"));

        using var stop = new CancellationTokenSource();
        var answered = 0L;
        var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var workers = new List<Task>();
        for (var w = 0; w < 3; w++)
        {
            var seed = w;
            workers.Add(Task.Run(async () =>
            {
                using var http = server.HttpClient();
                var i = seed;
                while (!stop.IsCancellationRequested)
                {
                    var path = Paths[i++ % Paths.Length];
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "/check" + path);
                        request.Headers.Add("x-tenant-id", "hot");
                        using var response = await http.SendAsync(request);
                        var revision = response.Headers.TryGetValues("x-revision", out var values) ? values.Single() : "none";
                        var allowed = response.StatusCode == HttpStatusCode.OK;
                        if (revision is not ("A" or "B") || allowed != Expected(revision, path)
                            || response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Forbidden))
                        {
                            wrong.Enqueue($"http {path}: {(int)response.StatusCode} from revision {revision}");
                        }
                    }
                    catch (Exception e)
                    {
                        wrong.Enqueue($"http {path}: {e.GetType().Name}: {e.Message}");
                    }
                    Interlocked.Increment(ref answered);
                }
            }));
        }
        workers.Add(Task.Run(async () =>
        {
            using var channel = GrpcChannel.ForAddress(server.GrpcUri!);
            var client = new Tollgate.Edge.ExtAuthz.Wire.Authorization.AuthorizationClient(channel);
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var path = Paths[i++ % Paths.Length];
                try
                {
                    var request = new CheckRequest { Attributes = new AttributeContext { Request = new AttributeContext.Types.Request { Http = new AttributeContext.Types.HttpRequest { Method = "GET", Path = path, Host = "hot" } } } };
                    var response = await client.CheckAsync(request);
                    var allowed = response.Status.Code == 0;
                    var headers = allowed ? response.OkResponse.Headers : response.DeniedResponse.Headers;
                    var revision = headers.FirstOrDefault(h => h.Header.Key == "x-revision")?.Header.Value ?? "none";
                    if (revision is not ("A" or "B") || allowed != Expected(revision, path))
                    {
                        wrong.Enqueue($"grpc {path}: status {response.Status.Code} from revision {revision}");
                    }
                }
                catch (Exception e)
                {
                    wrong.Enqueue($"grpc {path}: {e.GetType().Name}: {e.Message}");
                }
                Interlocked.Increment(ref answered);
            }
        }));

        await EdgeTestServer.WaitUntilAsync(() => Interlocked.Read(ref answered) > 200, "load to start");
        var swaps = 0;
        var rollbacks = 0;
        var rejected = 0;
        for (var n = 1; n <= 100; n++)
        {
            var name = n % 2 == 0 ? "A" : "B";
            var outcome = server.Activator.Activate(FakeLoader.Artifact("hot", $"{name}-{n}", FakeLoader.Spec(name, "object", "/" + name.ToLowerInvariant()), SmokeFor(name)));
            Assert.True(outcome.Activated, outcome.Error);
            swaps++;
            if (n % 20 == 0)
            {
                // A revision that allows everything fails its smoke cases and never serves.
                var bad = server.Activator.Activate(FakeLoader.Artifact("hot", $"bad-{n}", FakeLoader.Spec("C", "object", "/a", "/b", "/c"), SmokeFor("A")));
                Assert.False(bad.Succeeded);
                rejected++;
                Assert.Equal($"{name}-{n}", server.Registry.Peek("hot")!.RevisionId);
                // The operator orders a rollback to the previous revision.
                var back = server.Activator.Rollback("hot");
                Assert.True(back.Activated, back.Error);
                Assert.Equal($"{(name == "A" ? "B" : "A")}-{n - 1}", server.Registry.Peek("hot")!.RevisionId);
                rollbacks++;
            }
            // Let the load make progress on this revision before the next swap (progress, not a time budget).
            var seen = Interlocked.Read(ref answered);
            await EdgeTestServer.WaitUntilAsync(() => Interlocked.Read(ref answered) > seen + 2, "load between swaps");
        }
        var before = Interlocked.Read(ref answered);
        await EdgeTestServer.WaitUntilAsync(() => Interlocked.Read(ref answered) > before + 100, "load after the last swap");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Equal(100, swaps);
        Assert.Equal(5, rollbacks);
        Assert.Equal(5, rejected);
        Assert.True(wrong.IsEmpty, $"{wrong.Count} wrong answers of {answered}, e.g. {string.Join("; ", wrong.Take(5))}");
        // Every replaced or rejected revision was released once its last request finished.
        var current = server.Registry.Peek("hot")!.Policy;
        Assert.Equal(100 + 5 + 5 + 1, loader.Policies.Count);
        Assert.All(loader.Policies, p => Assert.Equal(!ReferenceEquals(p, current), p.IsDisposed));
    }
}
