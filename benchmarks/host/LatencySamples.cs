namespace Tollgate.HostBench;

/// <summary>Nanosecond samples and nearest-rank percentiles (sample counts here are small).</summary>
internal sealed class LatencySamples(int capacity)
{
    private readonly long[] _ns = new long[capacity];
    private int _count;
    private bool _sorted;

    public int Count => _count;

    public void Add(long ns)
    {
        _ns[_count++] = ns;
        _sorted = false;
    }

    public double Percentile(double p)
    {
        if (_count == 0)
        {
            return double.NaN;
        }
        if (!_sorted)
        {
            Array.Sort(_ns, 0, _count);
            _sorted = true;
        }
        int rank = (int)Math.Ceiling(p / 100 * _count);
        return _ns[Math.Clamp(rank, 1, _count) - 1];
    }
}
