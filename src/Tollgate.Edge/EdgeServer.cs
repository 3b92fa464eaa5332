using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Tollgate.Edge.DecisionLogs;
using Tollgate.Edge.Decisions;
using Tollgate.Edge.ExtAuthz;
using Tollgate.Edge.Http;
using Tollgate.Edge.Sources;
using Tollgate.Edge.Sync;
using Tollgate.Edge.Telemetry;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge;

/// <summary>
/// One running edge node: Kestrel with an HTTP/1.1 listener (REST, HTTP ext_authz, health, metrics) and an
/// h2c listener (ext_authz gRPC), the tenant registry, and the tenant source (directory or control plane).
/// Start it in-process with <see cref="StartAsync"/>; ports bound as 0 are reported by <see cref="HttpPort"/>
/// and <see cref="GrpcPort"/>.
/// </summary>
public sealed class EdgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _httpListen;
    private readonly ListenOptions? _grpcListen;
    private readonly DecisionLogSink? _decisionLog;
    private readonly IDisposable? _ownedLoader;
    private IAsyncDisposable? _source;

    private EdgeServer(WebApplication app, ListenOptions httpListen, ListenOptions? grpcListen, EdgeOptions options,
        TenantRegistry registry, RevisionActivator activator, EdgeMetrics metrics, NodeReadiness readiness,
        DecisionService decisions, DecisionLogSink? decisionLog, IDisposable? ownedLoader)
    {
        _app = app;
        _httpListen = httpListen;
        _grpcListen = grpcListen;
        Options = options;
        Registry = registry;
        Activator = activator;
        Metrics = metrics;
        Readiness = readiness;
        Decisions = decisions;
        _decisionLog = decisionLog;
        _ownedLoader = ownedLoader;
    }

    public EdgeOptions Options { get; }
    public TenantRegistry Registry { get; }
    public RevisionActivator Activator { get; }
    public EdgeMetrics Metrics { get; }
    public NodeReadiness Readiness { get; }
    public DecisionService Decisions { get; }
    public ILoggerFactory LoggerFactory => _app.Services.GetRequiredService<ILoggerFactory>();

    public int HttpPort => _httpListen.IPEndPoint!.Port;
    public int GrpcPort => _grpcListen?.IPEndPoint!.Port ?? -1;
    public Uri HttpUri => new($"http://{Host(_httpListen.IPEndPoint!)}:{HttpPort}");
    public Uri? GrpcUri => _grpcListen is null ? null : new Uri($"http://{Host(_grpcListen.IPEndPoint!)}:{GrpcPort}");

    /// <summary>The directory source when started with --from-dir (tests use it to force a rescan).</summary>
    public DirectoryTenantSource? DirectorySource => _source as DirectoryTenantSource;
    public ControlPlaneSync? ControlPlaneSync => _source as ControlPlaneSync;

    /// <summary>
    /// Starts listeners, then the tenant source. <paramref name="loader"/> turns artifacts into policies; when it
    /// is also <see cref="IDisposable"/> and <paramref name="ownsLoader"/>, the server disposes it.
    /// </summary>
    public static async Task<EdgeServer> StartAsync(EdgeOptions options, IPolicyLoader loader, bool ownsLoader = false,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new EdgeOptionsException(problems);
        }
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "Tollgate.Edge" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.SetMinimumLevel(options.QuietLogging ? LogLevel.Warning : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);

        ListenOptions? httpListen = null;
        ListenOptions? grpcListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4 << 20;
            kestrel.Listen(options.HttpAddress, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                httpListen = listen;
            });
            if (options.GrpcAddress is { } grpc)
            {
                kestrel.Listen(grpc, listen =>
                {
                    // h2c: Envoy's gRPC clients speak HTTP/2 with prior knowledge, no TLS.
                    listen.Protocols = HttpProtocols.Http2;
                    grpcListen = listen;
                });
            }
        });

        var metrics = new EdgeMetrics(options.TenantSeriesExpiry);
        var registry = new TenantRegistry(time);
        var readiness = new NodeReadiness();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(readiness);
        builder.Services.AddSingleton(new TenantResolver(options));
        DecisionLogSink? decisionLog = null;
        builder.Services.AddSingleton(services =>
        {
            var factory = services.GetRequiredService<ILoggerFactory>();
            if (options.DecisionLogPath is not null || options.DecisionLogUrl is not null)
            {
                decisionLog = new DecisionLogSink(options.DecisionLogPath, options.DecisionLogUrl, new InputMask(options.DecisionLogMask), factory.CreateLogger("Tollgate.Edge.DecisionLog"));
            }
            return new DecisionService(registry, services.GetRequiredService<TenantResolver>(), metrics, decisionLog, factory.CreateLogger("Tollgate.Edge.Decisions"), time);
        });
        builder.Services.AddGrpc();

        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var decisions = app.Services.GetRequiredService<DecisionService>();
        var activator = new RevisionActivator(registry, loader, metrics, options, loggerFactory.CreateLogger("Tollgate.Edge.Tenants"), time);
        var server = new EdgeServer(app, httpListen!, grpcListen, options, registry, activator, metrics, readiness, decisions, decisionLog,
            ownsLoader ? loader as IDisposable : null);
        server.MapEndpoints();
        await app.StartAsync(ct);
        var log = loggerFactory.CreateLogger("Tollgate.Edge");
        log.Log(LogLevel.Information, EventIds.Listening, "edge listening: http {Http}, grpc {Grpc}", server.HttpUri, server.GrpcUri?.ToString() ?? "off");
        server.StartSource(loggerFactory, time);
        return server;
    }

    private void MapEndpoints()
    {
        var app = _app;
        var decisions = Decisions;
        // Checks bypass endpoint routing: they are the hot path, and a catch-all route costs a route-value
        // dictionary and matcher work per request for what is a prefix test.
        app.Use((context, next) => CheckEndpoint.Matches(context.Request.Path) ? CheckEndpoint.HandleAsync(context, decisions) : next(context));
        app.UseRouting();
        app.MapGrpcService<AuthorizationService>();
        var options = Options;
        var registry = Registry;
        var readiness = Readiness;
        var activator = Activator;
        app.MapMethods("/v1/data/{**path}", ["GET", "POST"], context => DataApiEndpoint.HandleAsync(context, decisions, options, context.Request.RouteValues["path"] as string));
        app.MapGet("/health", NodeEndpoints.HealthAsync);
        app.MapGet("/ready", context => NodeEndpoints.ReadyAsync(context, registry, readiness));
        app.MapGet("/status", context => NodeEndpoints.StatusAsync(context, registry, readiness));
        app.MapPost("/v1/tenants/{tenant}/rollback", context => AdminEndpoints.RollbackAsync(context, activator, options));
        app.MapMetrics("/metrics", Metrics.Registry);
    }

    private void StartSource(ILoggerFactory loggerFactory, TimeProvider time)
    {
        if (Options.FromDirectory is { } dir)
        {
            var source = new DirectoryTenantSource(dir, Options, Activator, Readiness, Metrics, loggerFactory.CreateLogger("Tollgate.Edge.Sources"));
            _source = source;
            source.Start();
        }
        else if (Options.ControlPlane is not null)
        {
            var sync = new ControlPlaneSync(Options, Registry, Activator, Readiness, Metrics, loggerFactory.CreateLogger("Tollgate.Edge.Sync"), time);
            _source = sync;
            sync.Start();
        }
        else
        {
            // Tenants are activated through the API (tests, demo): nothing to wait for.
            Readiness.MarkInitialLoadDone();
        }
    }

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_decisionLog is not null)
        {
            await _decisionLog.DisposeAsync();
        }
        Registry.Dispose();
        _ownedLoader?.Dispose();
    }

    private static string Host(IPEndPoint endpoint) =>
        endpoint.Address.Equals(IPAddress.Any) ? "127.0.0.1"
        : endpoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
        : endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]"
        : endpoint.Address.ToString();
}
