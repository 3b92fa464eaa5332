using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Builds;
using Tollgate.ControlPlane.Storage;

// Batch build of N tenants of the seed's RBAC template, once per mode (shared first, then substitution);
// prints tenants/s and the process's peak working set so far (cumulative across the two modes).
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var repo = FindRepo();
var dir = Directory.CreateTempSubdirectory("tollgate-batch-").FullName;
try
{
    using var store = new SqliteStore(Path.Combine(dir, "cp.db"));
    store.PutTemplate("basic-rbac", File.ReadAllText(Path.Combine(repo, "src/Tollgate.Cli/Demo/basic-rbac.rego")), ["tenant/authz/allow", "tenant/authz/decision"]);
    var data = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "src/Tollgate.Cli/Demo/tenant-data.json")))!;
    foreach (var mode in new[] { BuildMode.Shared, BuildMode.Substitution })
    {
        var tenants = new List<TenantRecord>(count);
        for (var i = 0; i < count; i++)
        {
            tenants.Add(new TenantRecord((10000 + i).ToString(CultureInfo.InvariantCulture), "active", "basic-rbac", null, mode, [], (JsonObject)data.DeepClone(), [], DateTimeOffset.UtcNow));
        }
        var sw = Stopwatch.StartNew();
        var builds = new TenantBuilder(store).BuildAll(tenants);
        var ok = 0;
        foreach (var b in builds) if (b.Success) ok++;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {count} tenants ({ok} built) in {sw.Elapsed.TotalSeconds:0.00} s = {count / sw.Elapsed.TotalSeconds:0} tenants/s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB"));
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static string FindRepo()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "Tollgate.slnx"))) return d.FullName;
    }
    throw new InvalidOperationException("run from inside the repository");
}
