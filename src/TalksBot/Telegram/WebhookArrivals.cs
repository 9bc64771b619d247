namespace TalksBot.Telegram;

/// <summary>Wakes the webhook worker when an update has been kept, so it need not poll the store to answer at once.</summary>
public sealed class WebhookArrivals
{
    readonly SemaphoreSlim signal = new(0, 1);

    public void Arrived()
    {
        try { signal.Release(); } catch (SemaphoreFullException) { } // already awake
    }

    /// <summary>Until an update arrives or <paramref name="timeout"/> passes (the worker then looks anyway).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
