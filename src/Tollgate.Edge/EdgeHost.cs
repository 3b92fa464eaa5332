using Tollgate.Edge.Tenants;

namespace Tollgate.Edge;

/// <summary>Process entry of <c>tollgate edge</c>: runs a node until cancelled.</summary>
public static class EdgeHost
{
    /// <summary>Runs the node with the Wasmtime host (<see cref="WasmPolicyLoader"/>); returns the process exit code.</summary>
    public static Task<int> RunAsync(EdgeOptions options, CancellationToken ct) =>
        RunAsync(options, WasmPolicyLoader.Create(options), ownsLoader: true, ct);

    /// <summary>Runs the node with the given policy loader; returns the process exit code.</summary>
    public static async Task<int> RunAsync(EdgeOptions options, IPolicyLoader loader, bool ownsLoader, CancellationToken ct)
    {
        await using var server = await EdgeServer.StartAsync(options, loader, ownsLoader, ct: ct);
        try
        {
            await server.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
