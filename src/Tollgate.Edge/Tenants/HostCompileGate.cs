using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

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
/// The lock is an OS file lock (<c>flock</c>), so a process that dies releases it. On Linux it is taken with
/// <c>open</c> + <c>flock(LOCK_EX|LOCK_NB)</c> directly: waiting by catching .NET's sharing-violation exception
/// every few milliseconds cost 20 edges about 60 ms of CPU each per new module (exceptions are expensive), more
/// than loading the module. Threads of one process wait for each other in memory, so one thread per process polls. Lock files are empty and left in place (one per module, beside the module's own cache
/// entry): deleting them would let two processes hold "the" lock on different inodes. When the lock cannot be
/// taken within <see cref="MaxWait"/>, or the directory is unusable, the load simply runs unguarded, which is
/// the behaviour without a gate.
/// </remarks>
public sealed class HostCompileGate
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, byte> _loadedHere = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lock> _inProcess = new(StringComparer.Ordinal);

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
        lock (_inProcess.GetOrAdd(moduleSha256, static _ => new Lock()))
        {
            if (_loadedHere.ContainsKey(moduleSha256))
            {
                return load(state); // another thread of this process loaded it while this one waited
            }
            using (Acquire(moduleSha256))
            {
                var result = load(state);
                _loadedHere.TryAdd(moduleSha256, 0);
                return result;
            }
        }
    }

    private IDisposable? Acquire(string moduleSha256)
    {
        var path = Path.Combine(_directory, moduleSha256 + ".lock");
        return OperatingSystem.IsLinux() ? AcquireLinux(path) : AcquirePortable(path);
    }

    private IDisposable? AcquireLinux(string path)
    {
        var fd = LinuxFileLock.Open(path);
        if (fd < 0)
        {
            return null; // the directory is unusable: load unguarded
        }
        var started = Stopwatch.GetTimestamp();
        var waited = false;
        while (!LinuxFileLock.TryLockExclusive(fd))
        {
            if (Stopwatch.GetElapsedTime(started) >= MaxWait)
            {
                LinuxFileLock.Close(fd);
                return null;
            }
            if (!waited)
            {
                waited = true;
                Interlocked.Increment(ref _waits);
            }
            Thread.Sleep(RetryInterval);
        }
        return new LinuxFileLock(fd);
    }

    private FileStream? AcquirePortable(string path)
    {
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

/// <summary>An flock held on an open descriptor; closing the descriptor releases it.</summary>
internal sealed partial class LinuxFileLock(int fd) : IDisposable
{
    private const int ReadWrite = 0x2, Create = 0x40, CloseOnExec = 0x80000; // Linux open(2) flags
    private const int LockExclusive = 2, LockNonBlocking = 4;

    public static int Open(string path) => open(path, ReadWrite | Create | CloseOnExec, 0x1a4 /* 0644 */);

    public static bool TryLockExclusive(int fd) => flock(fd, LockExclusive | LockNonBlocking) == 0;

    public static void Close(int fd) => close(fd);

    public void Dispose() => close(fd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
