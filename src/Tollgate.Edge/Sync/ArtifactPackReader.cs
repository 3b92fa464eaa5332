using System.Globalization;
using System.Text;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sync;

/// <summary>
/// Reads the control plane's artifact pack (docs/sync-protocol.md §2): for each requested sha256 a header line
/// <c>&lt;sha256&gt; &lt;length&gt;\n</c> and that many bytes, or <c>&lt;sha256&gt; missing\n</c>. Every artifact is
/// hashed and must match its header, and the header must name a requested artifact; anything else is
/// <see cref="InvalidDataException"/> and the node keeps what it serves.
/// </summary>
internal static class ArtifactPackReader
{
    private const int MaxHeaderBytes = 128;

    public static async Task<Dictionary<string, byte[]>> ReadAsync(Stream body, IReadOnlySet<string> requested, long maxArtifactBytes, CancellationToken ct)
    {
        await using var input = new BufferedStream(body, 64 * 1024); // header lines are read a byte at a time
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var seen = 0;
        var header = new byte[MaxHeaderBytes];
        while (await ReadHeaderAsync(input, header, ct) is { } line)
        {
            if (++seen > requested.Count)
            {
                throw new InvalidDataException("artifact pack holds more entries than were requested");
            }
            var space = line.IndexOf(' ');
            var sha = space > 0 ? line[..space] : line;
            if (!requested.Contains(sha))
            {
                throw new InvalidDataException($"artifact pack holds an entry that was not requested: '{Printable(sha)}'");
            }
            var size = space > 0 ? line[(space + 1)..] : "";
            if (size == "missing")
            {
                continue;
            }
            if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > maxArtifactBytes)
            {
                throw new InvalidDataException($"artifact pack entry {sha}: bad length '{Printable(size)}' (limit {maxArtifactBytes} bytes)");
            }
            var bytes = new byte[length];
            await input.ReadExactlyAsync(bytes, ct);
            var actual = TenantArtifact.HashOf(bytes);
            if (actual != sha)
            {
                throw new InvalidDataException($"sha256 mismatch in artifact pack: header says {sha}, artifact hashes to {actual}");
            }
            found[sha] = bytes;
        }
        return found;
    }

    /// <summary>The next header line without its newline, or null at a clean end of the stream.</summary>
    private static async Task<string?> ReadHeaderAsync(Stream input, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            var read = await input.ReadAsync(buffer.AsMemory(length, 1), ct);
            if (read == 0)
            {
                return length == 0 ? null : throw new InvalidDataException("artifact pack ends inside a header");
            }
            if (buffer[length] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(buffer, 0, length);
            }
            if (++length == buffer.Length)
            {
                throw new InvalidDataException("artifact pack header line is too long");
            }
        }
    }

    private static string Printable(string s) => s.Length > 70 ? s[..70] + "…" : s;
}
