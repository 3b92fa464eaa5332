namespace Tollgate.Compiler.Ir;

public enum ScalarKind { Null, Boolean, Number, String }

/// <summary>A constant scalar; numbers keep their exact literal text.</summary>
public sealed record IrScalar(ScalarKind Kind, string Text)
{
    public static readonly IrScalar Null = new(ScalarKind.Null, "null");
    public static readonly IrScalar True = new(ScalarKind.Boolean, "true");
    public static readonly IrScalar False = new(ScalarKind.Boolean, "false");

    public static IrScalar Number(string text) => new(ScalarKind.Number, text);

    public static IrScalar String(string value) => new(ScalarKind.String, value);

    public override string ToString() => Kind == ScalarKind.String
        ? System.Text.Json.JsonSerializer.Serialize(Text)
        : Text;
}
