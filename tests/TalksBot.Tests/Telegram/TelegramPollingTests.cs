using System.Text.Json.Nodes;
using TalksBot.Tests.Fakes;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>The bot through the real Telegram.Bot client, long polling a fake Bot API server.</summary>
public class TelegramPollingTests
{
    static string Text(JsonObject sent) => sent["text"]!.GetValue<string>();

    [Fact]
    public async Task APrivateQuestionIsAnsweredWithSourcesAsAReplyWhileTyping()
    {
        await using var bot = await TelegramApp.StartAsync(new() { ["Telegram:TypingAfterMs"] = "0" });
        bot.Server.Push(FakeTelegramServer.Text(7, "How many bodies will Ukraine return to Russia?", messageId: 55));

        var sent = Assert.Single(await bot.Server.WaitForSentAsync(1));

        Assert.Equal(7, sent["chat_id"]!.GetValue<long>());
        Assert.Equal("HTML", sent["parse_mode"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(55, sent["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Contains("6,000", Text(sent));
        Assert.Contains("<b>Sources</b>", Text(sent));
        Assert.Contains("<blockquote expandable>", Text(sent));
        var methods = bot.Server.Calls.Select(c => c.Method).ToList();
        Assert.True(methods.IndexOf("sendChatAction") < methods.IndexOf("sendMessage"));
    }

    [Fact]
    public async Task InAGroupOnlyAMentionOrAReplyToTheBotIsAnswered()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(-100, "How many bodies will Ukraine return to Russia?", messageId: 1));
        var mention = "@" + FakeTelegramServer.BotUsername;
        bot.Server.Push(FakeTelegramServer.Text(-100, $"{mention} How many bodies will Ukraine return to Russia?", messageId: 2,
            entities: [new JsonObject { ["type"] = "mention", ["offset"] = 0, ["length"] = mention.Length }]));
        var botMessage = new JsonObject { ["message_id"] = 3, ["date"] = 1, ["chat"] = new JsonObject { ["id"] = -100, ["type"] = "supergroup" },
            ["from"] = new JsonObject { ["id"] = FakeTelegramServer.BotId, ["is_bot"] = true, ["first_name"] = "TalksBot" }, ["text"] = "…" };
        var last = bot.Server.Push(FakeTelegramServer.Text(-100, "Who is Rustem Umerov?", messageId: 4, replyTo: botMessage));

        await bot.Server.WaitForHandledAsync(last);

        Assert.Equal([2, 4], bot.Server.Sent.Select(s => s["reply_parameters"]!["message_id"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task StartHelpAndSourcesDescribeTheBot()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "/start", messageId: 1));
        bot.Server.Push(FakeTelegramServer.Text(7, "/sources", messageId: 2));
        bot.Server.Push(FakeTelegramServer.Text(8, "/help", language: "nl", messageId: 3));

        var sent = await bot.Server.WaitForSentAsync(3);

        var byReply = sent.ToDictionary(s => s["reply_parameters"]!["message_id"]!.GetValue<int>(), Text);
        Assert.Contains("5 news texts", byReply[1]);
        Assert.Contains("/ask", byReply[1]);
        Assert.All(Directory.GetFiles(TestKnowledgeBase.RepositorySeeds(), "*.txt"), f => Assert.Contains(Path.GetFileName(f), byReply[2]));
        Assert.Contains("nieuwsteksten", byReply[3]);
    }

    [Fact]
    public async Task AFollowUpInTheSameChatIsReadWithTheQuestionBefore()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "What did Medinsky say about the bodies?", messageId: 1));
        await bot.Server.WaitForSentAsync(1);
        bot.Server.Push(FakeTelegramServer.Text(7, "And Zelensky?", messageId: 2));

        var sent = await bot.Server.WaitForSentAsync(2);

        Assert.Contains("Zelensky stated that Ukraine would also hand over 6,000 Russian bodies", Text(sent[1]));
    }

    [Theory]
    [InlineData(429, 1)]
    [InlineData(502, null)]
    public async Task ARateLimitOrAServerErrorIsWaitedOutAndTheAnswerArrivesOnce(int code, int? retryAfter)
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.FailNextSends.Enqueue((code, retryAfter));
        var update = bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1));

        await bot.Server.WaitForHandledAsync(update);

        Assert.Single(bot.Server.Sent);
        Assert.Equal(2, bot.Server.Calls.Count(c => c.Method == "sendMessage"));
    }

    [Fact]
    public async Task WhenAnswerFailsThePersonIsToldInPrivateAndNothingIsSaidInAGroup()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.FailGetMe = true;
        bot.Server.Push(FakeTelegramServer.Text(-100, "@talks_test_bot Who is Rustem Umerov?", messageId: 1));
        var last = bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 2));

        await bot.Server.WaitForHandledAsync(last);

        var sent = Assert.Single(bot.Server.Sent);
        Assert.Equal(7, sent["chat_id"]!.GetValue<long>());
        Assert.Contains("something went wrong", Text(sent));
    }

    [Fact]
    public async Task AnOutageOfTenSecondsDelaysTheAnswersButLosesNone()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Outage(502, TimeSpan.FromSeconds(10));
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1));
        var last = bot.Server.Push(FakeTelegramServer.Text(8, "/help", messageId: 2));

        await bot.Server.WaitForHandledAsync(last, seconds: 40);

        Assert.True(bot.Server.OutageRejections >= 4);
        Assert.Equal([1, 2], bot.Server.Sent.Select(s => s["reply_parameters"]!["message_id"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task ARestartResumesFromTheStoredOffsetWithNothingLostOrRepeated()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1));
        var second = bot.Server.Push(FakeTelegramServer.Text(8, "/help", messageId: 2));
        await bot.Server.WaitForHandledAsync(second); // the next getUpdates confirms them

        await bot.StopAsync();
        var third = bot.Server.Push(FakeTelegramServer.Text(9, "/sources", messageId: 3));
        await bot.RestartAsync(stopFirst: false);

        await bot.Server.WaitForHandledAsync(third);
        Assert.Equal([1, 2, 3], bot.Server.Sent.Select(s => s["reply_parameters"]!["message_id"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task AStickerGetsAPoliteReplyAndAnOversizeQuestionAClearMessage()
    {
        await using var bot = await TelegramApp.StartAsync();
        var sticker = FakeTelegramServer.Text(7, "", messageId: 1);
        sticker.Remove("text");
        sticker["sticker"] = new JsonObject { ["file_id"] = "x", ["file_unique_id"] = "y", ["type"] = "regular", ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false };
        bot.Server.Push(sticker);
        bot.Server.Push(FakeTelegramServer.Text(8, string.Concat(Enumerable.Repeat("Why did the talks fail? ", 200)), messageId: 2));

        var sent = await bot.Server.WaitForSentAsync(2);

        var byReply = sent.ToDictionary(s => s["reply_parameters"]!["message_id"]!.GetValue<int>(), Text);
        Assert.Contains("only answer questions asked in text", byReply[1]);
        Assert.Contains("too long", byReply[2]);
    }
}
