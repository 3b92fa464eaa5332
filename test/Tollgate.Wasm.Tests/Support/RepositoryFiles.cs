namespace Tollgate.Wasm.Tests.Support;

/// <summary>Files of the repository the tests run from (found by walking up to Tollgate.slnx).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Tollgate.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>The committed runtime library; a missing file fails the test (it is built by runtime/build.sh).</summary>
    public static byte[] RuntimeLibrary()
    {
        var path = Path.Combine(Root, "runtime", "dist", "tollgate-runtime.wasm");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing; build it with runtime/build.sh");
        }
        return File.ReadAllBytes(path);
    }
}
