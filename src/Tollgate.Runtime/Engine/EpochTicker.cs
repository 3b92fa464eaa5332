namespace Tollgate.Runtime;

/// <summary>
/// Advances the engine's epoch about once a millisecond on one background thread. Each store sets its own
/// deadline in ticks before a call, so a deadline only ever interrupts the evaluation that set it.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    /// <summary>Nominal tick length.</summary>
    public static readonly TimeSpan TickLength = TimeSpan.FromMilliseconds(1);

    private readonly Wasmtime.Engine _engine;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _ticks;

    public EpochTicker(Wasmtime.Engine engine)
    {
        _engine = engine;
        _thread = new Thread(Run) { IsBackground = true, Name = "tollgate-epoch", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>
    /// Epochs advanced so far (read after Wasmtime's own increment, so it may lag it by one): lets a trap be
    /// classified as a deadline without reading a clock on every call.
    /// </summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Ticks for a timeout, plus one because the current tick may end at once.</summary>
    public static ulong TicksFor(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return 1;
        }
        double ticks = Math.Ceiling(timeout.TotalMilliseconds / TickLength.TotalMilliseconds);
        return ticks >= 1e15 ? 1_000_000_000_000_000UL : (ulong)ticks + 1;
    }

    private void Run()
    {
        while (!_stopping)
        {
            // Sleep(1) overshoots slightly on Linux (~1.05 ms), so deadlines err on the generous side.
            Thread.Sleep(TickLength);
            _engine.IncrementEpoch();
            Interlocked.Increment(ref _ticks);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }
}
