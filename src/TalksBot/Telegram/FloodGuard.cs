using Microsoft.Extensions.Options;
using TalksBot.Limits;

namespace TalksBot.Telegram;

/// <summary>Questions per user per minute: past the limit a user is asked once to slow down, then ignored until the minute is over.</summary>
public sealed class FloodGuard(IOptions<TelegramOptions> options, TimeProvider time)
{
    public enum Verdict { Answer, SlowDown, Ignore }

    readonly RecentEvents<long> asked = new(time);

    /// <summary>Users with a question in the last minute (others are forgotten now and then).</summary>
    internal int Users => asked.Keys;

    public Verdict Check(long userId)
    {
        var limit = options.Value.QuestionsPerUserPerMinute;
        if (limit <= 0) return Verdict.Answer;
        var count = asked.Add(userId);
        return count <= limit ? Verdict.Answer : count == limit + 1 ? Verdict.SlowDown : Verdict.Ignore;
    }
}
