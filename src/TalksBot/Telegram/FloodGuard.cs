using Microsoft.Extensions.Options;
using TalksBot.Limits;

namespace TalksBot.Telegram;

/// <summary>Questions per user per minute (across replicas): past the limit a user is asked once to slow down, then ignored until the minute is over.</summary>
public sealed class FloodGuard(IOptions<TelegramOptions> options, IRecentEvents events)
{
    public enum Verdict { Answer, SlowDown, Ignore }

    public async Task<Verdict> CheckAsync(long userId, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.QuestionsPerUserPerMinute;
        if (limit <= 0) return Verdict.Answer;
        var count = await events.AddAsync($"question:{userId}", cancellationToken);
        return count <= limit ? Verdict.Answer : count == limit + 1 ? Verdict.SlowDown : Verdict.Ignore;
    }
}
