namespace Tollgate.Cli.Tests;

/// <summary>Finds the repository (the folder holding Tollgate.slnx) and the shared/ folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SeedTemplate => Path.Combine(Shared, "seed", "templates", "basic-rbac.rego");

    public static string SeedData => Path.Combine(Shared, "seed", "tenants", "1001", "data.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
    }
}
