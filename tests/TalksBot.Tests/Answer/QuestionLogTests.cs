using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Fakes;
using TalksBot.Questions;
using TalksBot.Tests.Telegram;

namespace TalksBot.Tests.Answer;

public class QuestionLogTests
{
    [Fact]
    public async Task EveryAnswerIsLoggedNewestFirstAndRefusalsCanBeListedAlone()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        var answers = services.GetRequiredService<AnswerService>();
        await answers.AskAsync("Who is Rustem Umerov?", asker: new Asker("test", "user-secret-id-123"));
        await answers.AskAsync("Who won the World Cup?", asker: new Asker("test", "user-secret-id-123"));
        await answers.AskAsync("   ");

        var log = services.GetRequiredService<IQuestionLog>();
        var recent = (await log.FindAsync(new QuestionQuery(Size: 10))).Items;
        Assert.Equal(["Who won the World Cup?", "Who is Rustem Umerov?"], recent.Select(r => r.Question));
        Assert.True(recent[0].Refused);
        Assert.Contains("003_5beee2cfb4e9681c.txt", recent[1].Sources);
        Assert.All(recent, r => Assert.Equal("test", r.FrontEnd));
        Assert.All(recent, r => Assert.True(r.LatencyMs > 0));
        Assert.Equal(recent[0].User, recent[1].User);
        Assert.NotNull(recent[0].User);
        Assert.Equal(["Who won the World Cup?"], (await log.FindAsync(new QuestionQuery(RefusedOnly: true, Size: 10))).Items.Select(r => r.Question));

        kb.Stop();
        Assert.DoesNotContain("user-secret-id-123", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(kb.Database)));
    }

    [Fact]
    public async Task QuestionsAnsweredJustBeforeTheProcessStopsAreInTheLogAfterARestart()
    {
        using var kb = new TestKnowledgeBase();
        var answers = kb.Start().GetRequiredService<AnswerService>();
        for (var i = 0; i < 30; i++) await answers.AskAsync($"Who is Rustem Umerov? ({i})", asker: new Asker("test", "u"));
        kb.Stop();

        var recent = (await kb.Start().GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery(Size: 100))).Items;
        Assert.Equal(30, recent.Count);
        Assert.Equal("Who is Rustem Umerov? (29)", recent[0].Question);
        Assert.Equal(Enumerable.Range(recent[^1].Id, 30).Reverse(), recent.Select(r => r.Id));
    }

    [Fact]
    public async Task QuestionsAreWrittenDownWithoutAnyoneReadingTheLog()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        await services.GetRequiredService<AnswerService>().AskAsync("Who is Rustem Umerov?");
        var db = services.GetRequiredService<LiteDB.LiteDatabase>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (db.GetCollection<QuestionRecord>("questions").Count() == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, db.GetCollection<QuestionRecord>("questions").Count());
    }

    [Fact]
    public async Task TelegramQuestionsAreLoggedWithTheirFrontEnd()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", userId: 31337, messageId: 1));
        await bot.Server.WaitForSentAsync(1);

        var record = Assert.Single((await bot.App.Services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery(Size: 10))).Items);
        Assert.Equal("telegram", record.FrontEnd);
        Assert.DoesNotContain("31337", record.User);
    }
}
