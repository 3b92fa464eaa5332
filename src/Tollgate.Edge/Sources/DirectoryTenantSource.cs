using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.Telemetry;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Sources;

/// <summary>
/// --from-dir: every subfolder of the directory is a tenant. Watched with a FileSystemWatcher (debounced) and
/// rescanned periodically, because watchers miss events on some file systems and when writers rename in.
/// A changed folder is read, loaded, verified and swapped in; a folder that disappears unassigns its tenant.
/// </summary>
public sealed class DirectoryTenantSource : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    private readonly string _root;
    private readonly EdgeOptions _options;
    private readonly RevisionActivator _activator;
    private readonly NodeReadiness _readiness;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _watcher;
    private Task? _loop;

    public DirectoryTenantSource(string root, EdgeOptions options, RevisionActivator activator, NodeReadiness readiness, EdgeMetrics metrics, ILogger logger)
    {
        _root = Path.GetFullPath(root);
        _options = options;
        _activator = activator;
        _readiness = readiness;
        _metrics = metrics;
        _logger = logger;
    }

    public void Start()
    {
        Directory.CreateDirectory(_root);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.EnableRaisingEvents = true;
        _loop = Task.Run(RunAsync);
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // a scan is already signalled
            }
        }
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        await ScanNowAsync(ct);
        _readiness.MarkInitialLoadDone();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var signalled = await _changed.WaitAsync(_options.RescanInterval, ct);
                if (signalled)
                {
                    // Writers touch several files; wait for them to settle before reading.
                    await Task.Delay(Debounce, ct);
                }
                await ScanNowAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Scans the directory once and applies every change; returns the outcomes of the tenants that changed.</summary>
    public async Task<IReadOnlyList<ActivationOutcome>> ScanNowAsync(CancellationToken ct = default)
    {
        await _scanGate.WaitAsync(ct);
        try
        {
            return Scan(ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _metrics.RecordError("source");
            _logger.Log(LogLevel.Warning, EventIds.SourceScanFailed, e, "scan of {Directory} failed", _root);
            return [];
        }
        finally
        {
            _scanGate.Release();
        }
    }

    private List<ActivationOutcome> Scan(CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            var tenant = Path.GetFileName(folder);
            if (tenant.StartsWith('.') || !TenantFolder.HasBundle(folder))
            {
                continue;
            }
            present.Add(tenant);
            var fingerprint = TenantFolder.Fingerprint(folder);
            if (!_fingerprints.TryGetValue(tenant, out var seen) || seen != fingerprint)
            {
                changed.Add(folder);
            }
        }
        var outcomes = new ConcurrentBag<ActivationOutcome>();
        Parallel.ForEach(changed, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, folder =>
        {
            var tenant = Path.GetFileName(folder);
            var fingerprint = TenantFolder.Fingerprint(folder);
            TenantArtifact artifact;
            try
            {
                artifact = TenantFolder.Read(folder);
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                _metrics.RecordError("source");
                _logger.Log(LogLevel.Warning, EventIds.SourceScanFailed, "tenant folder {Folder} unreadable: {Error}", folder, e.Message);
                return;
            }
            outcomes.Add(_activator.Activate(artifact));
            // Remember what was read even when it failed: a failing bundle is retried only when it changes.
            _fingerprints[tenant] = fingerprint;
        });
        foreach (var tenant in _fingerprints.Keys)
        {
            if (!present.Contains(tenant))
            {
                _fingerprints.TryRemove(tenant, out _);
                _activator.Remove(tenant);
            }
        }
        return [.. outcomes];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _watcher?.Dispose();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }
}
