namespace Tollgate.Rego.Tests.Support;

/// <summary>Finds the checkout (the folder holding Tollgate.slnx) from the test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string ConformanceSuite => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "opa-v1"));

    /// <summary>This test project's source folder (goldens are read and regenerated there, not in bin/).</summary>
    public static string TestProject => Path.Combine(Root, "test", "Tollgate.Rego.Tests");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
            {
                return dir.FullName;
            }
            dir = dir.Parent;
        }
        throw new InvalidOperationException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
    }
}
