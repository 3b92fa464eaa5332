using System.Buffers;
using System.Text.Json;

namespace Tollgate.Edge.Decisions;

/// <summary>
/// Per-thread input/output buffers for decisions. Evaluation is synchronous, so a thread never needs two at
/// once; reusing them keeps the hot path free of per-request buffer allocations.
/// </summary>
internal sealed class DecisionBuffers
{
    [ThreadStatic]
    private static DecisionBuffers? t_current;

    public readonly ArrayBufferWriter<byte> Input = new(2048);
    public readonly ArrayBufferWriter<byte> Output = new(512);
    public readonly Utf8JsonWriter Json;

    private DecisionBuffers() => Json = new Utf8JsonWriter(Input, new JsonWriterOptions { SkipValidation = true });

    public static DecisionBuffers Rent()
    {
        var buffers = t_current ??= new DecisionBuffers();
        buffers.Input.ResetWrittenCount();
        buffers.Output.ResetWrittenCount();
        buffers.Json.Reset(buffers.Input);
        // Buffers that grew for a rare huge request are not kept forever.
        if (buffers.Input.Capacity > 1 << 20 || buffers.Output.Capacity > 1 << 20)
        {
            t_current = buffers = new DecisionBuffers();
        }
        return buffers;
    }
}
