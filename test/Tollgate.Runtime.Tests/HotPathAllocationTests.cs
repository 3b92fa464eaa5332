using System.Buffers;

namespace Tollgate.Runtime.Tests;

public sealed class HotPathAllocationTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Evaluate_into_a_reused_buffer_allocates_nothing_per_call(int minor)
    {
        using var engine = TestEngines.Create();
        using var pool = engine.CreatePool(engine.LoadModule(WatModules.Policy(minor)), "{\"k\":1}"u8);
        var output = new ArrayBufferWriter<byte>(1024);
        byte[] input = "{\"user\":\"alice\",\"action\":\"read\"}"u8.ToArray();
        for (int i = 0; i < 200; i++)
        {
            output.ResetWrittenCount();
            pool.Evaluate(0, input, output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            output.ResetWrittenCount();
            pool.Evaluate(0, input, output);
        }
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;

        Assert.True(perCall == 0, $"Evaluate allocated {perCall} bytes per call");
    }
}
