using System.Text.Json.Nodes;

namespace Tollgate.Conformance;

/// <summary>
/// The one list of skipped cases (src/Tollgate.Conformance/skips.json), each with its reason. A skip names
/// a case note, or a whole file. "Not yet" skips and "never" skips are kept apart by their "kind".
/// </summary>
public sealed class SkipList
{
    private readonly Dictionary<string, string> _notes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public static SkipList LoadEmbedded()
    {
        using var stream = typeof(SkipList).Assembly.GetManifestResourceStream("skips.json")
            ?? throw new InvalidOperationException("skips.json resource missing");
        return Parse(JsonNode.Parse(stream));
    }

    public static SkipList Parse(JsonNode? root)
    {
        var list = new SkipList();
        if (root?["skips"] is JsonArray skips)
        {
            foreach (var s in skips)
            {
                var reason = $"{s?["kind"]}: {s?["reason"]}";
                if (s?["note"]?.ToString() is { } note) list._notes[note] = reason;
                if (s?["file"]?.ToString() is { } file) list._files[file] = reason;
            }
        }
        return list;
    }

    public string? ReasonFor(ConformanceCase c) =>
        _notes.TryGetValue(c.Note, out var r) ? r : _files.TryGetValue(c.File, out r) ? r : null;
}
