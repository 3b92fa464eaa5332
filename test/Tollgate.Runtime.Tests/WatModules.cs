using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Runtime.Tests;

/// <summary>
/// Assembles the hand-written WAT modules under Modules/ with wabt's wat2wasm. A module file may splice in
/// <c>core.watinc</c> (";;INCLUDE core.watinc") and use {{NAME}} placeholders. Without wat2wasm every test
/// that needs a module fails with a message saying so.
/// </summary>
internal static class WatModules
{
    /// <summary>Entrypoint ids of Modules/policy.wat, in dispatch order.</summary>
    public static readonly string[] PolicyEntrypoints =
    [
        "test/echo", "test/data", "test/undefined", "test/abort", "test/trap", "test/loop", "test/grow",
        "test/double", "test/print", "test/patched", "test/patch_path", "test/print_patched", "test/recurse",
    ];

    private static readonly string ModulesDirectory = Path.Combine(AppContext.BaseDirectory, "Modules");
    private static readonly string OutputDirectory = Path.Combine(Path.GetTempPath(), "tollgate-runtime-tests-wasm");

    /// <summary>Modules/policy.wat with ABI version major.minor (the opa_eval export only for minor ≥ 2).</summary>
    public static byte[] Policy(int minor = 3, int major = 1) => Build("policy.wat", new Dictionary<string, string>
    {
        ["MAJOR"] = major.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MINOR"] = minor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EVAL_EXPORT"] = minor >= 2 ? "(export \"opa_eval\" (func $opa_eval))" : "",
        ["ENTRYPOINTS"] = EntrypointsJson().Replace("\"", "\\\"", StringComparison.Ordinal),
        ["ENTRYPOINTS_LEN"] = Encoding.UTF8.GetByteCount(EntrypointsJson()).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public static byte[] Build(string file, IReadOnlyDictionary<string, string>? values = null)
    {
        string text = File.ReadAllText(Path.Combine(ModulesDirectory, file));
        text = text.Replace(";;INCLUDE core.watinc", File.ReadAllText(Path.Combine(ModulesDirectory, "core.watinc")), StringComparison.Ordinal);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        }
        return Assemble(text);
    }

    private static string EntrypointsJson()
    {
        var json = new StringBuilder("{");
        for (int i = 0; i < PolicyEntrypoints.Length; i++)
        {
            json.Append(i > 0 ? "," : "").Append('"').Append(PolicyEntrypoints[i]).Append("\":").Append(i);
        }
        return json.Append('}').ToString();
    }

    private static byte[] Assemble(string wat)
    {
        Directory.CreateDirectory(OutputDirectory);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wat)))[..16];
        string watPath = Path.Combine(OutputDirectory, hash + ".wat");
        string wasmPath = Path.Combine(OutputDirectory, hash + ".wasm");
        if (File.Exists(wasmPath))
        {
            return File.ReadAllBytes(wasmPath);
        }
        File.WriteAllText(watPath, wat);
        string tmp = wasmPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var start = new ProcessStartInfo("wat2wasm", [watPath, "-o", tmp])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("wat2wasm did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "wat2wasm (wabt) is required to assemble the runtime test modules but was not found on PATH", ex);
        }
        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wat2wasm failed for {watPath}:\n{errors}");
            }
        }
        File.Move(tmp, wasmPath, overwrite: true);
        return File.ReadAllBytes(wasmPath);
    }
}
