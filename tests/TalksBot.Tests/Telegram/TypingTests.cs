using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>"typing…" only for a noticeable wait, as the Bot API recommends: not before an answer that is ready at once, and while a slow model answers.</summary>
public class TypingTests
{
    const string Question = "How many bodies will Ukraine return to Russia?";

    [Fact]
    public async Task AQuickAnswerComesWithoutTyping()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, Question, messageId: 5));

        Assert.Single(await bot.Server.WaitForSentAsync(1));
        Assert.DoesNotContain(bot.Server.Calls, c => c.Method == "sendChatAction");
    }

    [Fact]
    public async Task ASlowAnswerShowsTypingFirst()
    {
        await using var model = await FakeOpenAIServer.StartAsync();
        model.Reply = _ => "NOT_IN_TEXTS";
        model.ChatDelay = TimeSpan.FromSeconds(2);
        await using var bot = await TelegramApp.StartAsync(new()
        {
            ["Answer:Engine"] = "openai", ["OpenAI:Endpoint"] = model.Endpoint, ["OpenAI:Model"] = "test-chat", ["OpenAI:TimeoutSeconds"] = "10",
        });
        bot.Server.Push(FakeTelegramServer.Text(7, Question, messageId: 5));

        Assert.Single(await bot.Server.WaitForSentAsync(1));
        var methods = bot.Server.Calls.Select(c => c.Method).ToList();
        Assert.Contains("sendChatAction", methods);
        Assert.True(methods.IndexOf("sendChatAction") < methods.IndexOf("sendMessage"));
    }
}
