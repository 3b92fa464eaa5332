using System.Text.Json;

namespace Tollgate.Runtime.Instances;

/// <summary>Checks that bytes are one well-formed JSON value without building a document (no allocation).</summary>
internal static class JsonValidation
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1024 };

    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
            if (!reader.Read())
            {
                return false;
            }
            if (!reader.TrySkip())
            {
                return false;
            }
            // Trailing content after the first value is invalid input.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
