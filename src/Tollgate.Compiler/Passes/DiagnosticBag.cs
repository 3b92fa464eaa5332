using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Text;

namespace Tollgate.Compiler.Passes;

/// <summary>Collects the diagnostics of one compilation; duplicates (same code, message and place) are dropped.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<(string, string, SourceLocation)> _seen = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public int Count => _items.Count;

    public void Add(string code, string message, SourceLocation location)
    {
        if (_seen.Add((code, message, location)))
        {
            _items.Add(new Diagnostic(code, message, location));
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d.Code, d.Message, d.Location);
        }
    }

    /// <summary>Sorted by file, line and column as OPA sorts its errors, cut to <paramref name="maxErrors"/>.</summary>
    public List<Diagnostic> ToSortedList(int maxErrors)
    {
        var list = new List<Diagnostic>(_items);
        list.Sort(CompareByPosition);
        if (maxErrors > 0 && list.Count > maxErrors)
        {
            // As OPA: the first maxErrors errors, then "error limit reached".
            list.RemoveRange(maxErrors, list.Count - maxErrors);
            list.Add(new Diagnostic(DiagnosticCodes.CompileError, "error limit reached", default));
        }
        return list;
    }

    internal static int CompareByPosition(Diagnostic a, Diagnostic b)
    {
        var c = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (c != 0) return c;
        c = a.Location.Line.CompareTo(b.Location.Line);
        if (c != 0) return c;
        c = a.Location.Column.CompareTo(b.Location.Column);
        if (c != 0) return c;
        return string.CompareOrdinal(a.Message, b.Message);
    }
}
