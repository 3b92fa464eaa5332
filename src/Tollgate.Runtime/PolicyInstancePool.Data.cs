using System.Text.Json;
using Tollgate.Runtime.Instances;

namespace Tollgate.Runtime;

/// <summary>Data patches (ABI <c>opa_value_add_path</c> / <c>opa_value_remove_path</c>) across all instances.</summary>
public sealed partial class PolicyInstancePool
{
    /// <summary>
    /// Sets <c>data.&lt;path&gt;</c> to <paramref name="valueJson"/> on every instance. The patch is applied to
    /// one instance now (so a rejected patch throws <see cref="PolicyDataException"/> here) and to each other
    /// instance before its next evaluation. Instances created later replay it after loading the data.
    /// </summary>
    public void AddDataPath(IReadOnlyList<string> path, ReadOnlySpan<byte> valueJson)
    {
        if (!JsonValidation.IsValid(valueJson))
        {
            throw new PolicyInputException("data patch value is not valid JSON");
        }
        ApplyPatch(new DataPatch(EncodePath(path), valueJson.ToArray()));
    }

    /// <summary>Removes <c>data.&lt;path&gt;</c> on every instance (see <see cref="AddDataPath"/>).</summary>
    public void RemoveDataPath(IReadOnlyList<string> path) => ApplyPatch(new DataPatch(EncodePath(path), null));

    private readonly Lock _patchLock = new();

    private void ApplyPatch(DataPatch patch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Patches are serialised so the log order is the order every instance applies them in.
        lock (_patchLock)
        {
            ApplyPatchLocked(patch);
        }
    }

    private void ApplyPatchLocked(DataPatch patch)
    {
        _gate.Wait();
        PolicyInstance? instance = null;
        try
        {
            instance = Rent();
            patch.ApplyTo(instance);
            _patches.Append(patch, instance);
        }
        finally
        {
            if (instance is not null)
            {
                Return(instance);
            }
            _gate.Release();
        }
    }

    private static byte[] EncodePath(IReadOnlyList<string> path)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string segment in path)
            {
                writer.WriteStringValue(segment);
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
