using System.Diagnostics;
using System.Globalization;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>
/// One <c>dotnet tollgate.dll …</c> child: output goes to a log file (so a failed node can be diagnosed), the
/// first line matching a prefix can be awaited (the control plane prints its bound address), and memory is
/// read from /proc. Disposing kills exactly this process (its id), nothing else.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly string? _watchPrefix;
    private readonly TaskCompletionSource<string> _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process, StreamWriter log, string? watchPrefix)
    {
        Name = name;
        _process = process;
        _log = log;
        _watchPrefix = watchPrefix;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The first output line containing the watch prefix (text after it).</summary>
    public Task<string> WatchedLine => _watched.Task;

    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments, string logPath, string? watchPrefix = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log, watchPrefix);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._watched.TrySetException(new InvalidOperationException($"{name} exited with code {process.ExitCode}; see {logPath}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_logGate) _log.WriteLine(line);
        if (_watchPrefix is not null)
        {
            var at = line.IndexOf(_watchPrefix, StringComparison.Ordinal);
            if (at >= 0) _watched.TrySetResult(line[(at + _watchPrefix.Length)..].Trim());
        }
    }

    /// <summary>(current RSS, peak RSS) in MB from /proc/PID/status; zeros when unavailable.</summary>
    public (double RssMb, double PeakMb) Memory()
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024.0;
            }
            return (rss, peak);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>User + system CPU seconds this process has used so far (/proc/PID/stat, clock ticks of 1/100 s).</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        lock (_logGate) _log.Dispose();
    }
}
