namespace Tollgate.ControlPlane.Distribution;

/// <summary>Wakes long-polling nodes when any assignment changes (publish, promote, rollback, suspend).</summary>
public sealed class IndexChangeSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next change after this call.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    public void Notify()
    {
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
