namespace Tollgate.Compiler.Ir;

/// <summary>
/// One planned function: a rule set, a user function, an entrypoint or a query. Parameters are
/// (input, data, args…) = locals 0 .. ParamCount-1; the function returns a value or undefined.
/// </summary>
public sealed class IrFunction(string name, int argCount)
{
    public string Name { get; } = name;
    /// <summary>User arguments after input and data.</summary>
    public int ArgCount { get; } = argCount;
    public int ParamCount => ArgCount + 2;
    public int LocalCount { get; set; }
    public IrBlock Body { get; } = new();
    /// <summary>Complete documents are memoized per evaluation (keyed by the input and data values seen).</summary>
    public bool Memoize { get; set; }
    /// <summary>Where the function comes from (a rule path, "entrypoint …"), for printing.</summary>
    public string Origin { get; set; } = "";
}
