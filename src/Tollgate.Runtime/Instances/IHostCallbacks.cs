namespace Tollgate.Runtime.Instances;

/// <summary>What a module's <c>env</c> imports call back into: one implementation per live instance.</summary>
internal interface IHostCallbacks
{
    /// <summary><c>opa_abort(addr)</c>: must throw, ending the wasm call.</summary>
    void Abort(int messageAddr);

    /// <summary><c>opa_println(addr)</c>.</summary>
    void Println(int messageAddr);

    /// <summary><c>opa_builtinN(id, ctx, args…)</c>; <paramref name="argc"/> of the four addresses are meaningful.</summary>
    int CallBuiltin(int id, int argc, int a0, int a1, int a2, int a3);
}
