namespace Tollgate.Runtime.Instances;

/// <summary>One data patch: a JSON array path and, for an add, the JSON value (null = remove).</summary>
internal sealed record DataPatch(byte[] PathJson, byte[]? ValueJson)
{
    public void ApplyTo(PolicyInstance instance)
    {
        if (ValueJson is null)
        {
            instance.RemovePath(PathJson);
        }
        else
        {
            instance.AddPath(PathJson, ValueJson);
        }
    }
}
