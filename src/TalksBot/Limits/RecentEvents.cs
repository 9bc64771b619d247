using System.Collections.Concurrent;

namespace TalksBot.Limits;

/// <summary>
/// Events per key in the last minute, in this process's memory. Keys that have gone quiet are
/// forgotten now and then, so the memory this takes follows the keys active in the last minute,
/// not every key ever seen.
/// </summary>
public sealed class RecentEvents(TimeProvider time) : IRecentEvents
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly ConcurrentDictionary<string, Queue<DateTime>> events = new();
    int added;

    /// <summary>Keys with an event in the last minute (and quiet ones not yet forgotten).</summary>
    internal int Keys => events.Count;

    public Task<int> AddAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(Add(key));

    public int Add(string key)
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

    public Task TakeBackAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!events.TryGetValue(key, out var times)) return Task.CompletedTask;
        lock (times)
            if (times.Count > 0)
            {
                var kept = times.ToArray()[..^1];
                times.Clear();
                foreach (var t in kept) times.Enqueue(t);
            }
        return Task.CompletedTask;
    }

    void Forget(DateTime before)
    {
        foreach (var (key, times) in events)
            lock (times)
                // An event racing this removal may go uncounted: a courtesy limit, not a guarantee.
                if (times.Count == 0 || times.Last() < before) events.TryRemove(KeyValuePair.Create(key, times));
    }
}
