namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// Shows a batch publish's build progress: a bar redrawn in place on a terminal, or one plain line per 10% when
/// the output is a pipe or a file (logs stay short and readable). Called from the reader of the server's stream.
/// </summary>
internal sealed class PublishProgress(TextWriter output, bool terminal)
{
    private const int BarWidth = 30;
    private int _lastTenth; // the first line is at 10%
    private int _lastPercent = -1;
    private bool _drawn;

    public void Report(int built, int total)
    {
        if (total <= 0) return;
        var percent = (int)(100L * built / total);
        if (terminal)
        {
            if (percent == _lastPercent && built != total) return;
            _lastPercent = percent;
            var filled = BarWidth * built / total;
            output.Write($"\rbuilding [{new string('#', filled)}{new string('.', BarWidth - filled)}] {built}/{total} ({percent}%)");
            output.Flush();
            _drawn = true;
            return;
        }
        var tenth = percent / 10;
        if (tenth <= _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine($"built {built}/{total} ({percent}%)");
    }

    /// <summary>Ends the bar's line so the summary starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn) output.WriteLine();
        _drawn = false;
    }
}
