using System.Text;
using Tollgate.Compiler;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Edge.Tests.Support;

/// <summary>Compiles Rego with Tollgate's compiler into an OPA bundle (.tar.gz bytes) for real-module tests.</summary>
public static class RegoBundles
{
    public static byte[] Build(string rego, string dataJson, string revision, params string[] entrypoints)
    {
        var request = new CompileRequest();
        request.Modules.Add(new SourceFile { Name = "policy.rego", Text = rego });
        request.Entrypoints.AddRange(entrypoints);
        var result = PolicyCompiler.Compile(request);
        if (!result.Success)
        {
            var messages = new StringBuilder("the compiler rejected the test policy (these tests need Tollgate.Compiler end to end):");
            foreach (var d in result.Diagnostics)
            {
                messages.Append('\n').Append(d);
            }
            Assert.Fail(messages.ToString());
        }
        var resolvers = new List<WasmResolver>();
        foreach (var entrypoint in entrypoints)
        {
            resolvers.Add(new WasmResolver(entrypoint, "/policy.wasm"));
        }
        var bundle = Bundle.Create(
            new BundleManifest { Revision = revision, Wasm = resolvers },
            [new("/policy.wasm", result.Wasm!), new("/data.json", Encoding.UTF8.GetBytes(dataJson))]);
        using var output = new MemoryStream();
        bundle.Write(output);
        return output.ToArray();
    }
}
