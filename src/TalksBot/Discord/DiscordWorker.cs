using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalksBot.Answer;

namespace TalksBot.Discord;

/// <summary>
/// Answers deferred /ask interactions: edits the original response with the answer (follow-ups
/// when it needs more than one message), or with a clear message when answering fails, so nobody is
/// left with "thinking…". The last message carries the 👍/👎 buttons. On shutdown what was acknowledged is still answered.
/// </summary>
public sealed partial class DiscordWorker(IDiscordQueue queue, AnswerService answers, DiscordRestClient discord, ILogger<DiscordWorker> logger) : BackgroundService
{
    const int Parallel = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await System.Threading.Tasks.Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, AnswerAsync);
    }

    async ValueTask AnswerAsync(DiscordAsk ask, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await answers.AskAsync(ask.Question, ask.ConversationId, new Asker("discord", ask.UserId is null ? null : $"discord:{ask.UserId}"), cancellationToken);
            var messages = answer.Error is not null ? [DiscordFormatter.Text(answer.Error)] : DiscordFormatter.Answer(answer);
            if (answer is { Error: null, Key: { } key }) messages[^1]["components"] = DiscordFeedback.Buttons(key);
            await discord.EditOriginalAsync(ask.ApplicationId, ask.Token, messages[0], cancellationToken);
            foreach (var more in messages.Skip(1))
            {
                if (ask.Private) more["flags"] = DiscordFormatter.Ephemeral;
                await discord.FollowUpAsync(ask.ApplicationId, ask.Token, more, cancellationToken);
            }
            LogAnswered(logger, answer.Refused, answer.Citations.Count, messages.Count);
            await DoneAsync(ask);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            try
            {
                var dutch = TalksBot.Ingest.LanguageDetector.Detect(ask.Question) == TalksBot.Ingest.LanguageDetector.Dutch;
                await discord.EditOriginalAsync(ask.ApplicationId, ask.Token, DiscordFormatter.Text(AboutTexts.Failed(dutch)), cancellationToken);
            }
            catch (HttpRequestException) { } // Discord itself is unreachable: nothing more to tell anyone
            await DoneAsync(ask);
        }
    }

    // Answered (or told it failed); if the mark is lost, another replica may answer it again once the lease runs out.
    async Task DoneAsync(DiscordAsk ask)
    {
        try { await queue.DoneAsync(ask, CancellationToken.None); }
        catch (Npgsql.NpgsqlException e) { LogNotMarked(logger, e); }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord question answered: refused {Refused}, {Citations} citations, {Messages} messages")]
    static partial void LogAnswered(ILogger logger, bool refused, int citations, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Discord question was answered but could not be marked so")]
    static partial void LogNotMarked(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Discord question could not be answered")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
