using System.Diagnostics;

namespace Tollgate.Cli.Tests;

/// <summary>Runs a program the tests rely on (wasm-validate, node); a missing tool fails the test loudly.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string StdOut, string StdErr) Run(string file, string arguments, string? workingDirectory = null, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is not installed or not on PATH (bash .ci/run installs it): {ex.Message}", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {arguments} did not finish in {timeoutMs} ms");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
