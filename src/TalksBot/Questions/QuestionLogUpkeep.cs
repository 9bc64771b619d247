using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalksBot.Feedback;
using TalksBot.Observability;

namespace TalksBot.Questions;

/// <summary>
/// While serving: removes what is older than <see cref="QuestionLogOptions.RetentionDays"/> at start and every hour,
/// and reads the unhelpful share for /metrics every minute (so a replica shows votes another one took).
/// </summary>
public sealed class QuestionLogUpkeep(IQuestionLog log, FeedbackService feedback, IOptions<QuestionLogOptions> options, Faults faults, TimeProvider time) : BackgroundService
{
    static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    static readonly TimeSpan RemoveEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var removed = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            if (time.GetUtcNow() - removed >= RemoveEvery)
            {
                var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
                if (await faults.ContainAsync("questions log", () => log.RemoveBeforeAsync(cutoff, stoppingToken))) removed = time.GetUtcNow();
            }
            await feedback.RefreshShareAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
