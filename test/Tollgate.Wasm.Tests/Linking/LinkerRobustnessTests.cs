using Tollgate.Wasm.Tests.Support;
using static Tollgate.Wasm.Tests.Linking.LinkerTestModules;

namespace Tollgate.Wasm.Tests.Linking;

public class LinkerRobustnessTests
{
    /// <summary>A corrupted runtime must fail with a WasmFormatException (or link), never crash with another exception.</summary>
    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    [InlineData(2024)]
    public void Corrupted_runtimes_fail_with_format_errors_only(int seed)
    {
        var original = FixtureModules.MiniRuntime();
        var random = new Random(seed);
        int linked = 0;
        for (int round = 0; round < 1000; round++)
        {
            var bytes = (byte[])original.Clone();
            int flips = 1 + random.Next(2);
            for (int i = 0; i < flips; i++)
            {
                bytes[8 + random.Next(bytes.Length - 8)] = (byte)random.Next(256);
            }
            try
            {
                var linker = new ModuleLinker(bytes);
                var eval = linker.FindExport("tg_gen_eval");
                if (eval is not null && eval.Type.Equals(EvalType))
                {
                    linker.ReplaceBody("tg_gen_eval", new CodeBuilder(EvalType).I32Const(0));
                }
                linker.AddCString("data");
                linker.Link(new LinkOptions());
                linked++;
            }
            catch (WasmFormatException)
            {
            }
            catch (Exception e) when (e is not WasmFormatException)
            {
                Assert.Fail($"round {round}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(linked > 0);
    }
}
