using TalksBot.Bench;

namespace TalksBot.Tests.Deploy;

/// <summary>
/// The benchmark's soak run, short: `serve` in its own process, questions through the Telegram
/// webhook while the LLM endpoint is down, slow and answering garbage and Telegram turns sends
/// away in bursts. Memory is reported by the benchmark, not asserted here.
/// </summary>
public class SoakTests
{
    [Fact]
    public async Task EveryQuestionIsAnsweredOnceThroughLlmFaultsAndTelegramBurstsWithoutAnError()
    {
        var texts = DevSet.Load(DevSet.Find() ?? throw new InvalidOperationException("../shared/eval/dev.jsonl is missing"))
            .Select(q => q.Question).ToList();

        var r = await SoakRun.RunAsync(TestKnowledgeBase.RepositorySeeds(), texts, count: 600, perSecond: 20, timeoutSeconds: 1, breakSeconds: 2);

        Assert.Equal(600, r.AnsweredOnce);
        Assert.Equal(0, r.Missing);
        Assert.Equal(0, r.AnsweredTwice);
        Assert.True(r.Replayed > 0);
        Assert.Equal(0, r.WebhookErrors);
        Assert.Empty(r.ErrorLines);
        Assert.Equal(600, r.AnswerLogLines);
        Assert.Equal(0, r.LeakedLines); // no question text, bot token or webhook secret in the log
        Assert.True(r.TelegramFaults > 0, "the bursts turned sends away");
        Assert.Equal(600, r.Phases.Sum(p => p.Answered));
        Assert.True(r.Phases.Sum(p => p.ByLlm) > 0);
        Assert.True(r.Phases.Sum(p => p.ByFallback) > 0);
        Assert.Equal(600, r.Phases.Sum(p => p.ByLlm + p.ByFallback));
        Assert.Contains(r.Warnings, w => w.Contains("failed 3 times in a row"));
        Assert.True(r.LlmRecoveries > 0, "the breaker closed again once the endpoint answered");
        Assert.Equal(0, r.ExitCode);
    }
}
