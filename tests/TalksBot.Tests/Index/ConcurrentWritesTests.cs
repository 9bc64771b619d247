using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Conversations;
using TalksBot.Questions;
using TalksBot.Telegram;

namespace TalksBot.Tests.Index;

/// <summary>
/// LiteDB 5.0.x corrupts its list of free pages when transactions write to different collections at
/// the same time (litedb-org/LiteDB#2503; "empty page must be defined as empty type"), which the
/// webhook benchmark met about one run in four. The stores of one process write one at a time.
/// </summary>
public sealed class ConcurrentWritesTests
{
    [Fact]
    public async Task StoresWritingDifferentCollectionsAtOnceLeaveTheDatabaseWhole()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = kb.Start(new() { ["Telegram:Token"] = "123456:TEST-token", ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = "secret-for-writes-tests" });
        var state = services.GetRequiredService<ITelegramState>();
        var conversations = services.GetRequiredService<IConversationStore>();
        var log = services.GetRequiredService<IQuestionLog>();
        var until = DateTime.UtcNow.AddSeconds(4);
        var text = new string('x', 3000); // documents over a page, so pages are taken and freed often

        var telegram = Task.Run(async () =>
        {
            for (var id = 1; DateTime.UtcNow < until; id++)
            {
                await state.KeepAsync(id, id % 50, text);
                await state.TryClaimAsync(id);
                await state.MarkDoneAsync(id);
                if (id % 20 == 0) await state.ForgetAsync([.. Enumerable.Range(id - 19, 20)]);
            }
        });
        var chats = Task.Run(async () =>
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
                await conversations.AppendAsync($"telegram:{i % 200}", new ConversationTurn(text, text, false, DateTime.UtcNow));
        });
        var questions = Task.Run(async () =>
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                log.Record(new QuestionRecord { At = DateTime.UtcNow, FrontEnd = "console", Question = text, Answer = text, Engine = "e" }, null);
                if (i % 50 == 0) await log.FindAsync(new QuestionQuery(Size: 1));
            }
        });
        await Task.WhenAll(telegram, chats, questions);
        Assert.True((await log.FindAsync(new QuestionQuery(Size: 1))).Total > 0);
    }
}
