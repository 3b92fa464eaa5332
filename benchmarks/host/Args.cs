using System.Globalization;

namespace Tollgate.HostBench;

/// <summary>"--name value" options after the mode word.</summary>
internal sealed class Args(string[] argv)
{
    public int Int(string name, int fallback)
    {
        int at = Array.IndexOf(argv, "--" + name);
        return at >= 0 && at + 1 < argv.Length ? int.Parse(argv[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public string? Text(string name)
    {
        int at = Array.IndexOf(argv, "--" + name);
        return at >= 0 && at + 1 < argv.Length ? argv[at + 1] : null;
    }

    public bool Flag(string name) => Array.IndexOf(argv, "--" + name) >= 0;
}
