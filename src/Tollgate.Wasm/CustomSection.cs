namespace Tollgate.Wasm;

/// <summary>
/// A custom section. <see cref="After"/> is the id of the known section it followed in the input (0 = before
/// every known section), so the writer puts it back in the same place.
/// </summary>
public sealed class CustomSection
{
    public CustomSection(string name, byte[] content, SectionId after)
    {
        Name = name;
        Content = content;
        After = after;
    }

    public string Name { get; set; }

    public byte[] Content { get; set; }

    public SectionId After { get; set; }
}
