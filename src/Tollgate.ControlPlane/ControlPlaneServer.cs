using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Tollgate.ControlPlane.Api;

namespace Tollgate.ControlPlane;

/// <summary>A running control plane (Kestrel, HTTP/1.1): start in-process for tests and the demo, or via <see cref="RunAsync"/>.</summary>
public sealed class ControlPlaneServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlPlaneServer(WebApplication app, ControlPlaneServices services, Uri address)
    {
        _app = app;
        Services = services;
        Address = address;
    }

    public ControlPlaneServices Services { get; }

    /// <summary>The bound base address (the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    public static async Task<ControlPlaneServer> StartAsync(ControlPlaneOptions options, ControlPlaneServices? services = null, CancellationToken ct = default)
    {
        services ??= new ControlPlaneServices(options);
        if (services.ArtifactStorage is Artifacts.S3ArtifactStore s3) await s3.EnsureBucketAsync(ct);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Address));
        if (options.QuietLogging) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        ApiEndpoints.Map(app, services);
        await app.StartAsync(ct);
        var bound = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            : null;
        var address = new Uri((bound ?? $"http://{options.Address}").Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new ControlPlaneServer(app, services, address);
    }

    /// <summary>Runs until cancelled; returns the process exit code.</summary>
    public static async Task<int> RunAsync(ControlPlaneOptions options, CancellationToken ct)
    {
        await using var server = await StartAsync(options, ct: ct);
        Console.Error.WriteLine($"tollgate control plane listening on {server.Address} (db {options.DatabasePath}, artifacts {options.ArtifactDirectory})");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Services.Dispose();
    }
}
