using System.Collections.Concurrent;

namespace TalksBot.Limits;

/// <summary>
/// Events per key in the last minute (questions per Telegram user, sign-ins per address), for
/// per-minute limits. Keys that have gone quiet are forgotten now and then, so the memory this
/// takes follows the keys active in the last minute, not every key ever seen.
/// </summary>
public sealed class RecentEvents<TKey>(TimeProvider time) where TKey : notnull
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly ConcurrentDictionary<TKey, Queue<DateTime>> events = new();
    int added;

    /// <summary>Keys with an event in the last minute (and quiet ones not yet forgotten).</summary>
    internal int Keys => events.Count;

    /// <summary>Records an event for the key; returns how many it had in the last minute, this one included.</summary>
    public int Add(TKey key)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (Interlocked.Increment(ref added) % 1000 == 0) Forget(now - Window);
        var times = events.GetOrAdd(key, _ => new Queue<DateTime>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() < now - Window) times.Dequeue();
            times.Enqueue(now);
            return times.Count;
        }
    }

    /// <summary>Takes back the key's latest event (one that turned out not to count).</summary>
    public void TakeBack(TKey key)
    {
        if (!events.TryGetValue(key, out var times)) return;
        lock (times)
            if (times.Count > 0)
            {
                var kept = times.ToArray()[..^1];
                times.Clear();
                foreach (var t in kept) times.Enqueue(t);
            }
    }

    void Forget(DateTime before)
    {
        foreach (var (key, times) in events)
            lock (times)
                // An event racing this removal may go uncounted: a courtesy limit, not a guarantee.
                if (times.Count == 0 || times.Last() < before) events.TryRemove(KeyValuePair.Create(key, times));
    }
}
