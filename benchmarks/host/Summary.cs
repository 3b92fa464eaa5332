using System.Globalization;

namespace Tollgate.HostBench;

/// <summary>
/// One line per measurement on stdout, tab-separated and prefixed "SUMMARY", so run-all.sh can gather every
/// mode's figures into one table: measurement, value, target, verdict.
/// </summary>
internal static class Summary
{
    public static void Line(string measurement, string value, string target = "-", bool? pass = null)
    {
        string verdict = pass switch { true => "PASS", false => "FAIL", null => "-" };
        Console.WriteLine($"SUMMARY\t{measurement}\t{value}\t{target}\t{verdict}");
    }

    public static string Micros(double ns) => (ns / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " µs";

    public static string Millis(double ns) => (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
