using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// Lets edge processes on one host that share a module cache directory (<c>--cache-dir</c>) compile each module
/// once. A publish reaches every node at the same moment, so without coordination every process misses the
/// precompiled cache and runs Cranelift on the same module (~50 ms each; 20 nodes × 100 new modules is minutes
/// of CPU on a small host). With the gate, the first process to need a module holds an exclusive lock file for
/// its sha256 while it loads (compiles and writes the precompiled copy); the others wait for that lock and then
/// load the precompiled copy, which takes about a millisecond.
/// </summary>
/// <remarks>
/// The lock is an OS file lock (.NET takes <c>flock</c> for <see cref="FileShare.None"/>), so a process that
/// dies releases it. Lock files are empty and left in place (one per module, beside the module's own cache
/// entry): deleting them would let two processes hold "the" lock on different inodes. When the lock cannot be
/// taken within <see cref="MaxWait"/>, or the directory is unusable, the load simply runs unguarded, which is
/// the behaviour without a gate.
/// </remarks>
public sealed class HostCompileGate
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, byte> _loadedHere = new(StringComparer.Ordinal);

    public HostCompileGate(string cacheDirectory, TimeSpan? maxWait = null)
    {
        _directory = Path.Combine(cacheDirectory, "locks");
        Directory.CreateDirectory(_directory);
        MaxWait = maxWait ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>Longest wait for another process's lock before loading anyway.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>How often a waiting load retries the lock.</summary>
    public static TimeSpan RetryInterval { get; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Loads that waited for another holder of the lock (tests and diagnostics).</summary>
    public int Waits => Volatile.Read(ref _waits);

    private int _waits;

    /// <summary>
    /// Runs <paramref name="load"/> holding the host-wide lock of <paramref name="moduleSha256"/>, unless this
    /// process already loaded that module (then its engine answers from memory and no lock is needed).
    /// </summary>
    public T Run<T, TState>(string moduleSha256, TState state, Func<TState, T> load)
    {
        if (_loadedHere.ContainsKey(moduleSha256))
        {
            return load(state);
        }
        using (Acquire(moduleSha256))
        {
            var result = load(state);
            _loadedHere.TryAdd(moduleSha256, 0);
            return result;
        }
    }

    private FileStream? Acquire(string moduleSha256)
    {
        var path = Path.Combine(_directory, moduleSha256 + ".lock");
        var started = Stopwatch.GetTimestamp();
        var waited = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < MaxWait)
            {
                // Held by another process (a sharing violation): it is loading this module right now.
                if (!waited)
                {
                    waited = true;
                    Interlocked.Increment(ref _waits);
                }
                Thread.Sleep(RetryInterval);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
