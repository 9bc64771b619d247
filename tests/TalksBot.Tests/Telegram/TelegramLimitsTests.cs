using System.Text.Json.Nodes;
using TalksBot.Tests.Fakes;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

public class TelegramLimitsTests
{
    [Fact]
    public async Task MessagesToOneChatAreSentAtMostOncePerSecond()
    {
        await using var bot = await TelegramApp.StartAsync(new() { ["Telegram:ChatMessagesPerSecond"] = "1" });
        for (var i = 1; i <= 3; i++) bot.Server.Push(FakeTelegramServer.Text(7, "/help", messageId: i));

        await bot.Server.WaitForSentAsync(3);

        var times = bot.Server.SentAt.ToList();
        for (var i = 1; i < times.Count; i++) Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(900), $"message {i + 1} followed after {(times[i] - times[i - 1]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task AUserWhoFloodsIsAskedToSlowDownOnceAndOthersAreStillAnswered()
    {
        await using var bot = await TelegramApp.StartAsync(new() { ["Telegram:QuestionsPerUserPerMinute"] = "2" });
        for (var i = 1; i <= 5; i++) bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", userId: 1, messageId: i));
        var last = bot.Server.Push(FakeTelegramServer.Text(8, "Who is Rustem Umerov?", userId: 2, messageId: 6));

        await bot.Server.WaitForHandledAsync(last);

        var texts = bot.Server.Sent.Select(s => s["text"]!.GetValue<string>()).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Single(texts, t => t.Contains("slow down"));
        Assert.Contains(bot.Server.Sent, s => s["chat_id"]!.GetValue<long>() == 8);
    }

    [Fact]
    public async Task EditsChannelPostsAndOtherBotsGetSilence()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1), "edited_message");
        bot.Server.Push(FakeTelegramServer.Text(-100, "Who is Rustem Umerov?", messageId: 2), "channel_post");
        var fromBot = FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 3);
        fromBot["from"]!["is_bot"] = true;
        bot.Server.Push(fromBot);
        var last = bot.Server.Push(FakeTelegramServer.Text(7, "/help", messageId: 4));

        await bot.Server.WaitForHandledAsync(last);

        Assert.Equal(4, Assert.Single(bot.Server.Sent)["reply_parameters"]!["message_id"]!.GetValue<int>());
    }
}
