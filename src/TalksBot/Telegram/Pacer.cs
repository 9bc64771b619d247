namespace TalksBot.Telegram;

/// <summary>
/// Spaces events at least <paramref name="interval"/> apart per key, in the order they ask: each
/// waits for the slot one interval after the previous one's. (A token bucket refills on a fixed
/// timer, so a message right after a refill could follow the previous one almost at once.) One that
/// wakes late for its slot (a busy machine) takes a new one instead: sent late, it would land close
/// behind the next slot's send and crowd Telegram's window.
/// </summary>
public sealed class Pacer(TimeSpan interval, TimeProvider time) : IPacer
{
    readonly Dictionary<long, DateTimeOffset> next = [];

    public async Task WaitAsync(long key, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset slot;
            TimeSpan wait;
            lock (next)
            {
                var now = time.GetUtcNow();
                if (next.Count > 10_000) foreach (var stale in next.Where(n => n.Value < now).Select(n => n.Key).ToList()) next.Remove(stale);
                slot = next.TryGetValue(key, out var reserved) && reserved > now ? reserved : now;
                next[key] = slot + interval;
                wait = slot - now;
            }
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            if (time.GetUtcNow() - slot <= interval / 4) return;
        }
    }

    /// <summary>
    /// The event finished now: the next slot is at least one interval from here, so a send that took
    /// long to reach Telegram is not followed too closely by the next.
    /// </summary>
    public Task DoneAsync(long key, CancellationToken cancellationToken = default)
    {
        lock (next)
        {
            var earliest = time.GetUtcNow() + interval;
            if (!next.TryGetValue(key, out var reserved) || reserved < earliest) next[key] = earliest;
        }
        return Task.CompletedTask;
    }
}
