using System.Diagnostics;

namespace Tollgate.Wasm.Tests.Support;

/// <summary>Runs the external wasm tools (clang-14, wat2wasm, wasm-validate). A missing tool fails the test loudly.</summary>
public static class NativeTools
{
    public static string Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"'{tool}' is not on PATH. These tests need clang-14/wasm-ld-14 and wabt (wat2wasm, wasm-validate); install them.");
    }

    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(Find(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public static void RunOrFail(string tool, params string[] args)
    {
        var (code, output) = Run(tool, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({code}):\n{output}");
        }
    }

    /// <summary>Asserts that wabt's validator accepts the module (with the features clang and our fixtures use).</summary>
    public static void AssertValid(byte[] wasm, string label)
    {
        var path = Path.Combine(FixtureModules.WorkDirectory, $"validate-{label}-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, wasm);
        var (code, output) = Run("wasm-validate", path);
        Assert.True(code == 0, $"wasm-validate rejected {label}:\n{output}");
        File.Delete(path);
    }
}
