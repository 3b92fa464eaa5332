using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary>A plain left-aligned text table: column widths from the widest cell, two spaces between columns.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string?[] cells)
    {
        var row = new string[headers.Length];
        for (var i = 0; i < row.Length; i++) row[i] = i < cells.Length && !string.IsNullOrEmpty(cells[i]) ? cells[i]! : "-";
        _rows.Add(row);
    }

    public async Task WriteAsync(TextWriter output)
    {
        var widths = new int[headers.Length];
        for (var i = 0; i < headers.Length; i++) widths[i] = headers[i].Length;
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        await output.WriteLineAsync(Line(headers, widths));
        foreach (var row in _rows) await output.WriteLineAsync(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append("  ");
            // The last column is not padded: no trailing spaces.
            sb.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        return sb.ToString();
    }

    /// <summary>A JSON value as table text: strings bare, null as "-", anything else as JSON.</summary>
    public static string Cell(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
