namespace Tollgate.Wasm.Tests.Support;

/// <summary>
/// Builds the test modules from the committed sources in Fixtures/ once per test run (clang-14 and wat2wasm),
/// so the binaries always match their sources.
/// </summary>
public static class FixtureModules
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, byte[]> Cache = [];

    public static string WorkDirectory { get; } = CreateWorkDirectory();

    private static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static string CreateWorkDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tollgate-wasm-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The mini runtime (ABI-shaped C library) linked as the real runtime is: imported memory, exports kept.</summary>
    public static byte[] MiniRuntime(string opt = "-O2") =>
        CompileC("mini_runtime.c", opt, "-Wl,--no-entry,--import-memory,--export-dynamic", Source("mini_stubs.c"));

    private static string Source(string name) => Path.Combine(SourceDirectory, name);

    public static byte[] Features() => Wat("features.wat");

    public static byte[] Numeric(string opt) =>
        CompileC("numeric.c", opt, "-mbulk-memory", "-msign-ext", "-mnontrapping-fptoint", "-mmutable-globals", "-Wl,--no-entry");

    public static byte[] MultiValue() =>
        CompileC("mv.c", "-O1", "-mmultivalue", "-Xclang", "-target-abi", "-Xclang", "experimental-mv", "-Wl,--no-entry");

    public static byte[] CompileC(string source, params string[] flags)
    {
        string key = source + " " + string.Join(' ', flags);
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
            var output = Path.Combine(WorkDirectory, $"{Path.GetFileNameWithoutExtension(source)}-{Cache.Count}.wasm");
            var args = new List<string> { "--target=wasm32", "-nostdlib", "-o", output, Path.Combine(SourceDirectory, source) };
            args.AddRange(flags);
            NativeTools.RunOrFail("clang-14", [.. args]);
            var bytes = File.ReadAllBytes(output);
            Cache[key] = bytes;
            return bytes;
        }
    }

    public static byte[] Wat(string source, string? text = null, bool debugNames = false)
    {
        string key = (text ?? source) + (debugNames ? " --debug-names" : "");
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
            string input = Path.Combine(SourceDirectory, source);
            if (text is not null)
            {
                input = Path.Combine(WorkDirectory, $"inline-{Cache.Count}.wat");
                File.WriteAllText(input, text);
            }
            var output = Path.Combine(WorkDirectory, $"wat-{Cache.Count}.wasm");
            if (debugNames)
            {
                NativeTools.RunOrFail("wat2wasm", "--debug-names", input, "-o", output);
            }
            else
            {
                NativeTools.RunOrFail("wat2wasm", input, "-o", output);
            }
            var bytes = File.ReadAllBytes(output);
            Cache[key] = bytes;
            return bytes;
        }
    }

    /// <summary>Assembles inline WAT text (tests that need a specific small module).</summary>
    public static byte[] FromWat(string text, bool debugNames = false) => Wat("inline", text, debugNames);
}
