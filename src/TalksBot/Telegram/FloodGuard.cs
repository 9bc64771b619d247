using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TalksBot.Telegram;

/// <summary>Questions per user per minute: past the limit a user is asked once to slow down, then ignored until the minute is over.</summary>
public sealed class FloodGuard(IOptions<TelegramOptions> options, TimeProvider time)
{
    public enum Verdict { Answer, SlowDown, Ignore }

    readonly ConcurrentDictionary<long, Queue<DateTime>> asked = new();

    public Verdict Check(long userId)
    {
        var limit = options.Value.QuestionsPerUserPerMinute;
        if (limit <= 0) return Verdict.Answer;
        var now = time.GetUtcNow().UtcDateTime;
        var times = asked.GetOrAdd(userId, _ => new Queue<DateTime>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() < now.AddMinutes(-1)) times.Dequeue();
            times.Enqueue(now);
            return times.Count <= limit ? Verdict.Answer : times.Count == limit + 1 ? Verdict.SlowDown : Verdict.Ignore;
        }
    }
}
