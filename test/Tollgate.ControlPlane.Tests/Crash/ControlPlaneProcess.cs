using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tollgate.ControlPlane.Tests.Crash;

/// <summary>
/// `tollgate control-plane` as a child process (the built tollgate.dll run by `dotnet`), on a given SQLite file
/// and artifact directory, listening on a free loopback port. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed partial class ControlPlaneProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ControlPlaneProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>The CLI built next to this test assembly: src/Tollgate.Cli/bin/&lt;Configuration&gt;/net10.0/tollgate.dll.</summary>
    public static string TollgateDll()
    {
        // The test runs from test/Tollgate.ControlPlane.Tests/bin/<Configuration>/net10.0/.
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent!.Name;
        for (var dir = tfmDir; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Tollgate.Cli", "bin", configuration, tfmDir.Name, "tollgate.dll");
                Assert.True(File.Exists(dll), $"{dll} is missing: build src/Tollgate.Cli (the test project's build does it via its ProjectReference)");
                return dll;
            }
        }
        throw new InvalidOperationException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
    }

    public static async Task<ControlPlaneProcess> StartAsync(string db, string artifacts, string operatorToken, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { TollgateDll(), "control-plane", "--addr", "127.0.0.1:0", "--db", db, "--artifacts", artifacts, "--operator-token", operatorToken })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            var m = Listening().Match(e.Data);
            if (m.Success) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (log) log.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(timeout));
        if (first != listening.Task)
        {
            if (!process.HasExited) process.Kill();
            string text;
            lock (log) text = log.ToString();
            process.Dispose();
            throw new InvalidOperationException($"tollgate control-plane did not start within {timeout.TotalSeconds:0} s: {text}");
        }
        return new ControlPlaneProcess(process, await listening.Task);
    }

    /// <summary>SIGKILL (Process.Kill on Unix), then wait until the process is gone.</summary>
    public void Kill()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _disposed = true;
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+?)/? ")]
    private static partial Regex Listening();
}
