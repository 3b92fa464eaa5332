namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// Shows a batch publish's progress: on a terminal a bar redrawn in place (building, then storing artifacts);
/// into a pipe or a file one plain line per 10% of the builds and one line when the artifacts start being
/// written, so logs stay short. Called from the reader of the server's stream.
/// </summary>
internal sealed class PublishProgress(TextWriter output, bool terminal)
{
    private const int BarWidth = 30;
    private int _lastTenth; // the first line is at 10%
    private int _lastPercent = -1;
    private bool _drawn;
    private bool _storing;

    public void Report(int built, int total)
    {
        if (total <= 0) return;
        var percent = (int)(100L * built / total);
        if (terminal)
        {
            Draw("building", built, total, percent);
            return;
        }
        var tenth = percent / 10;
        if (tenth <= _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine($"built {built}/{total} ({percent}%)");
    }

    public void ReportStored(int stored, int total)
    {
        if (total <= 0) return;
        if (!_storing)
        {
            _storing = true;
            _lastPercent = -1;
            if (!terminal) output.WriteLine($"storing {total} artifact(s)");
        }
        if (terminal) Draw("storing ", stored, total, (int)(100L * stored / total));
    }

    private void Draw(string label, int done, int total, int percent)
    {
        if (percent == _lastPercent && done != total) return;
        _lastPercent = percent;
        var filled = BarWidth * done / total;
        output.Write($"\r{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} ({percent}%)");
        output.Flush();
        _drawn = true;
    }

    /// <summary>Ends the bar's line so the summary starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn) output.WriteLine();
        _drawn = false;
    }
}
