using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TalksBot.Telegram;

/// <summary>Questions per user per minute: past the limit a user is asked once to slow down, then ignored until the minute is over.</summary>
public sealed class FloodGuard(IOptions<TelegramOptions> options, TimeProvider time)
{
    public enum Verdict { Answer, SlowDown, Ignore }

    readonly ConcurrentDictionary<long, Queue<DateTime>> asked = new();
    int checks;

    /// <summary>Users with a question in the last minute (others are forgotten now and then).</summary>
    internal int Users => asked.Count;

    public Verdict Check(long userId)
    {
        var limit = options.Value.QuestionsPerUserPerMinute;
        if (limit <= 0) return Verdict.Answer;
        var now = time.GetUtcNow().UtcDateTime;
        if (Interlocked.Increment(ref checks) % 1000 == 0) Forget(now.AddMinutes(-1));
        var times = asked.GetOrAdd(userId, _ => new Queue<DateTime>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() < now.AddMinutes(-1)) times.Dequeue();
            times.Enqueue(now);
            return times.Count <= limit ? Verdict.Answer : times.Count == limit + 1 ? Verdict.SlowDown : Verdict.Ignore;
        }
    }

    void Forget(DateTime before)
    {
        foreach (var (user, times) in asked)
            lock (times)
                // A question racing this removal may go uncounted: the limit is a courtesy, not a guarantee.
                if (times.Count == 0 || times.Last() < before) asked.TryRemove(KeyValuePair.Create(user, times));
    }
}
