using System.Diagnostics;

namespace Tollgate.Runtime;

/// <summary>
/// Advances the engine's epoch once per <see cref="TickLength"/> on one background thread. Each store sets its
/// own deadline in ticks before a call, so a deadline only ever interrupts the evaluation that set it.
/// </summary>
/// <remarks>
/// The tick is the deadline's resolution and also the thread's wake-up rate, which an idle process pays for:
/// a 1 ms tick cost each edge node ~10 ms of CPU per second doing nothing (20 nodes on 2 cores: a tenth of the
/// machine). <see cref="PolicyEngineOptions.DeadlineResolution"/> chooses it (default: a twentieth of the
/// evaluation timeout, 1–10 ms).
/// </remarks>
internal sealed class EpochTicker : IDisposable
{
    private readonly Wasmtime.Engine _engine;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _ticks;

    public EpochTicker(Wasmtime.Engine engine, TimeSpan tickLength)
    {
        _engine = engine;
        TickLength = tickLength;
        _thread = new Thread(Run) { IsBackground = true, Name = "tollgate-epoch", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>
    /// Epochs advanced so far (read after Wasmtime's own increment, so it may lag it by one): lets a trap be
    /// classified as a deadline without reading a clock on every call.
    /// </summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Nominal tick length.</summary>
    public TimeSpan TickLength { get; }

    /// <summary>Ticks for a timeout, plus one because the current tick may end at once.</summary>
    public ulong TicksFor(TimeSpan timeout)
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
        // Ticks follow the monotonic clock, not the number of sleeps: a sleep can end early (the runtime's thread
        // suspension for a GC interrupts it), and an early tick shortens every deadline that spans it. A tick
        // that is late (the thread was descheduled) is not made up for, so deadlines only ever err long.
        long tickLength = (long)(TickLength.TotalSeconds * Stopwatch.Frequency);
        long next = Stopwatch.GetTimestamp() + tickLength;
        while (!_stopping)
        {
            long now = Stopwatch.GetTimestamp();
            if (now < next)
            {
                Thread.Sleep(Math.Max(1, (int)Math.Ceiling((next - now) * 1000.0 / Stopwatch.Frequency)));
                continue;
            }
            _engine.IncrementEpoch();
            Interlocked.Increment(ref _ticks);
            next = now + tickLength; // ticks are at least a tick length apart, whatever the wake-up latency
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }
}
