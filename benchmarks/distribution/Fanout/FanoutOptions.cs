using System.Globalization;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>Command line of the distribution benchmark (see ../run.sh for the defaults it passes).</summary>
public sealed record FanoutOptions
{
    /// <summary>Directory holding tollgate.dll (a Release build of src/Tollgate.Cli).</summary>
    public required string BinDirectory { get; init; }

    /// <summary>Repository root: the seed template and tenant data are read from src/Tollgate.Cli/Demo.</summary>
    public required string RepoDirectory { get; init; }

    public int Edges { get; init; } = 20;
    public int Tenants { get; init; } = 100;

    /// <summary>substitution (the seed's mode: one module per tenant) or shared (one module per template version).</summary>
    public string Mode { get; init; } = "substitution";

    /// <summary>Measured publishes in order: "data" (new tenant data, same modules) or "template" (new template version, new modules).</summary>
    public IReadOnlyList<string> Rounds { get; init; } = ["data", "template"];

    /// <summary>
    /// How often each node's /status is read while waiting (ms). Serve times come from the edge's own stamp, so
    /// this only delays noticing completion; short periods cost the nodes CPU (20 nodes × 100-tenant JSON).
    /// </summary>
    public int PollMilliseconds { get; init; } = 1000;

    /// <summary>Give every edge --cache-dir pointing at one shared precompiled-module directory.</summary>
    public bool SharedModuleCache { get; init; } = true;

    /// <summary>Extra arguments for every edge process (after the benchmark's own).</summary>
    public IReadOnlyList<string> EdgeArguments { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Unmeasured publishes after the edges start (alternating data and template). A fresh .NET process spends
    /// its first minute re-compiling hot methods at a higher tier on a background thread (with 20 processes on
    /// 2 cores that was 72% of all CPU right after one warm-up publish); an edge that runs for days does not.
    /// </summary>
    public int WarmupPublishes { get; init; } = 3;

    /// <summary>Longest wait, before each measured round, for the edges' CPU to fall back to their idle rate.</summary>
    public TimeSpan SettleLimit { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Where state, logs and the database go (default: a new temp directory, deleted unless --keep).</summary>
    public string? WorkDirectory { get; init; }
    public bool Keep { get; init; }

    public static FanoutOptions Parse(string[] args)
    {
        string? bin = null, repo = null, work = null, mode = null;
        int edges = 20, tenants = 100, poll = 1000, timeout = 180, warmup = 3, settle = 90;
        var rounds = new List<string>();
        var edgeArgs = new List<string>();
        bool keep = false, cache = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--bin": bin = Next(); break;
                case "--repo": repo = Next(); break;
                case "--edges": edges = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--tenants": tenants = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--mode": mode = Next(); break;
                case "--rounds": rounds.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--poll-ms": poll = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-shared-cache": cache = false; break;
                case "--edge-arg": edgeArgs.Add(Next()); break;
                case "--timeout": timeout = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--settle-s": settle = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--work-dir": work = Next(); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        foreach (var r in rounds)
        {
            if (r is not ("data" or "template")) throw new ArgumentException($"--rounds: '{r}' is neither data nor template");
        }
        if (mode is not (null or "substitution" or "shared")) throw new ArgumentException("--mode is substitution or shared");
        return new FanoutOptions
        {
            BinDirectory = bin ?? throw new ArgumentException("--bin DIR (with tollgate.dll) is required"),
            RepoDirectory = repo ?? throw new ArgumentException("--repo DIR is required"),
            Edges = edges,
            Tenants = tenants,
            Mode = mode ?? "substitution",
            Rounds = rounds.Count > 0 ? rounds : ["data", "template"],
            PollMilliseconds = poll,
            SharedModuleCache = cache,
            EdgeArguments = edgeArgs,
            Timeout = TimeSpan.FromSeconds(timeout),
            WarmupPublishes = Math.Max(1, warmup),
            SettleLimit = TimeSpan.FromSeconds(settle),
            WorkDirectory = work,
            Keep = keep,
        };
    }
}
