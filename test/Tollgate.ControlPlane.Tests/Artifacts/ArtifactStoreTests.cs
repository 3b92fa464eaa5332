using System.Security.Cryptography;
using Tollgate.ControlPlane.Artifacts;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Artifacts;

/// <summary>The artifact store contract on the local directory and on S3 (s3rver via TOLLGATE_TEST_S3).</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public Task Local_store_is_content_addressed() => ContentAddressed(new LocalArtifactStore(_dir.Path));

    [S3Fact]
    public async Task S3_store_is_content_addressed()
    {
        using var store = new S3ArtifactStore(new S3ArtifactOptions(ServiceFactAttribute.Require("TOLLGATE_TEST_S3"), "tollgate-test", $"run-{Guid.NewGuid():N}/"));
        await store.EnsureBucketAsync();
        await store.EnsureBucketAsync(); // idempotent
        await ContentAddressed(store);
    }

    [Fact]
    public async Task Local_store_never_serves_a_damaged_file()
    {
        var store = new LocalArtifactStore(_dir.Path);
        var sha = await store.PutAsync("bundle"u8.ToArray());
        var file = Directory.GetFiles(_dir.Path, sha + "*", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, "tampered");
        Assert.Null(await store.GetAsync(sha));
    }

    [Fact]
    public async Task Local_store_sweeps_writes_abandoned_by_dead_processes_only()
    {
        var store = new LocalArtifactStore(_dir.Path);
        var sha = await store.PutAsync("bundle"u8.ToArray());
        var shard = Path.Combine(_dir.Path, sha[..2]);
        // A process that has certainly exited: its id names the abandoned write.
        using var finished = System.Diagnostics.Process.Start("true")!;
        await finished.WaitForExitAsync();
        var abandoned = Path.Combine(shard, $"{sha}.tar.gz.{finished.Id}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(shard, $"{sha}.tar.gz.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(abandoned, "half");
        await File.WriteAllTextAsync(live, "in progress");

        Assert.Equal(1, store.RemoveAbandonedWrites());
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.Equal("bundle"u8.ToArray(), await store.GetAsync(sha));
    }

    private static async Task ContentAddressed(IArtifactStore store)
    {
        var bytes = RandomNumberGenerator.GetBytes(70_000);
        var sha = await store.PutAsync(bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha);
        Assert.Equal(sha, await store.PutAsync(bytes)); // a second put is a no-op
        Assert.True(await store.ExistsAsync(sha));
        Assert.Equal(bytes, await store.GetAsync(sha));

        var absent = Convert.ToHexStringLower(SHA256.HashData("absent"u8));
        Assert.False(await store.ExistsAsync(absent));
        Assert.Null(await store.GetAsync(absent));
        Assert.Null(await store.GetAsync("../../etc/passwd"));
    }

    public void Dispose() => _dir.Dispose();
}
