using System.Globalization;
using System.Text;
using Tollgate.ControlPlane.Artifacts;

namespace Tollgate.ControlPlane.Distribution;

/// <summary>
/// The body of <c>POST /v1/nodes/{id}/artifacts</c> (docs/sync-protocol.md §2): many artifacts in one response,
/// so a node that needs 100 new bundles after a publish makes one request instead of 100. For each requested
/// sha256, in request order, a header line <c>&lt;sha256&gt; &lt;length&gt;\n</c> followed by exactly that many
/// bytes, or <c>&lt;sha256&gt; missing\n</c> when the store does not hold it. The node hashes every artifact
/// again, so the pack needs no checksum of its own.
/// </summary>
internal static class ArtifactPack
{
    public const string ContentType = "application/vnd.tollgate.artifact-pack";

    /// <summary>Most artifacts one request may ask for.</summary>
    public const int MaxArtifacts = 1000;

    /// <summary>Reads ahead this many artifacts from the store while earlier ones are written (S3 is slow per object).</summary>
    private const int ReadAhead = 8;

    public static async Task WriteAsync(Stream output, IArtifactStore store, IReadOnlyList<string> hashes, CancellationToken ct)
    {
        var pending = new Queue<(string Sha, Task<byte[]?> Bytes)>();
        var next = 0;
        while (next < hashes.Count || pending.Count > 0)
        {
            while (next < hashes.Count && pending.Count < ReadAhead)
            {
                var sha = hashes[next++];
                pending.Enqueue((sha, store.GetAsync(sha, ct)));
            }
            var (hash, read) = pending.Dequeue();
            var bytes = await read;
            var header = bytes is null
                ? $"{hash} missing\n"
                : string.Create(CultureInfo.InvariantCulture, $"{hash} {bytes.Length}\n");
            await output.WriteAsync(Encoding.ASCII.GetBytes(header), ct);
            if (bytes is not null)
            {
                await output.WriteAsync(bytes, ct);
            }
        }
    }

    /// <summary>True for a lower-case hex sha256.</summary>
    public static bool IsSha256(string s)
    {
        if (s.Length != 64)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }
        return true;
    }
}
