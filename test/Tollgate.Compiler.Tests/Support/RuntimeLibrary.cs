

namespace Tollgate.Compiler.Tests.Support;

/// <summary>The runtime library the tests link against: the one embedded in Tollgate.Compiler.</summary>
public static class RuntimeLibrary
{
    public static byte[] Bytes =>
        Tollgate.Compiler.CodeGen.EmbeddedRuntime.Bytes
        ?? throw new InvalidOperationException(
            "runtime/dist/tollgate-runtime.wasm is missing from this build of Tollgate.Compiler; build it with runtime/build.sh");
}
