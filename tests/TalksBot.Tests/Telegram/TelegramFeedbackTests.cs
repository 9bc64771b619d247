using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Fakes;
using TalksBot.Questions;

namespace TalksBot.Tests.Telegram;

/// <summary>👍/👎 under answers through the real Telegram.Bot client against the fake Bot API server: votes, a changed vote, the reason, forged and stale presses, /forget.</summary>
[Collection(Observability.ProcessMetricsCollection.Name)]
public class TelegramFeedbackTests
{
    static JsonArray Rows(JsonNode? markup) => markup!["inline_keyboard"]!.AsArray();
    static string[] Faces(JsonNode? markup) => [.. Rows(markup).SelectMany(r => r!.AsArray()).Select(b => b!["text"]!.GetValue<string>())];
    static string Data(JsonNode? markup, int row, int column) => Rows(markup)[row]![column]!["callback_data"]!.GetValue<string>();

    static async Task<T> EventuallyAsync<T>(Func<T?> read, int seconds = 20) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (read() is { } value) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException("not seen in time");
    }

    async Task<string> MetricsAsync(TelegramApp bot)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(bot.Url + "/metrics");
    }

    static async Task<QuestionRecord> RecordAsync(TelegramApp bot) =>
        Assert.Single((await bot.App.Services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery())).Items);

    [Fact]
    public async Task APressIsCountedOnceAPersonCanBeChangedAndAThumbsDownAsksWhy()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "How many bodies will Ukraine return to Russia?", messageId: 55));
        var sent = Assert.Single(await bot.Server.WaitForSentAsync(1));
        var messageId = Assert.Single(bot.Server.SentMessages)["message_id"]!.GetValue<int>();
        Assert.Equal(["👍", "👎"], Faces(sent["reply_markup"]));
        var (up, down) = (Data(sent["reply_markup"], 0, 0), Data(sent["reply_markup"], 0, 1));

        var update = bot.Server.Push(FakeTelegramServer.Press(7, messageId, up), "callback_query");
        await bot.Server.WaitForHandledAsync(update);
        Assert.Equal("Thanks — noted.", Assert.Single(bot.Server.CallbackAnswers)["text"]!.GetValue<string>());
        var edit = Assert.Single(bot.Server.KeyboardEdits);
        Assert.Equal((7L, messageId), (edit["chat_id"]!.GetValue<long>(), edit["message_id"]!.GetValue<int>()));
        Assert.Equal(["👍 1", "👎"], Faces(edit["reply_markup"]));
        Assert.True(Assert.Single((await RecordAsync(bot)).Votes).Helpful);

        // The same person again, then changing their mind: one vote, now 👎, and the buttons ask why.
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, up), "callback_query"));
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, down), "callback_query"));
        var asked = bot.Server.KeyboardEdits.Last();
        Assert.Equal(["👍", "👎 1", "Wrong", "Not in the sources", "Unclear"], Faces(asked["reply_markup"]));
        Assert.StartsWith("Thanks — noted. What was wrong?", bot.Server.CallbackAnswers.Last()["text"]!.GetValue<string>());
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, Data(asked["reply_markup"], 1, 1)), "callback_query"));
        Assert.Equal(["👍", "👎 1"], Faces(bot.Server.KeyboardEdits.Last()["reply_markup"]));

        // Someone else in the chat votes too.
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, up, userId: 43), "callback_query"));
        Assert.Equal(["👍 1", "👎 1"], Faces(bot.Server.KeyboardEdits.Last()["reply_markup"]));

        var record = await RecordAsync(bot);
        Assert.Equal(2, record.Votes.Count);
        Assert.Equal(VoteReasons.NotInSources, Assert.Single(record.Votes, v => !v.Helpful).Reason);
        Assert.Equal(record.User, Assert.Single(record.Votes, v => !v.Helpful).Person); // the asker's vote carries the asker's hash
        var metrics = await MetricsAsync(bot);
        // Counted: the first 👍, the change to 👎, the other person's 👍; not the repeated 👍 nor the reason.
        Assert.Matches(@"talksbot_feedback_total\{[^}]*front_end=""telegram""[^}]*vote=""helpful""[^}]*\} 2", metrics);
        Assert.Matches(@"talksbot_feedback_total\{[^}]*front_end=""telegram""[^}]*vote=""unhelpful""[^}]*\} 1", metrics);
        Assert.Matches(@"talksbot_feedback_unhelpful_share(\{[^}]*\})? 1(\s|$)", metrics);
    }

    [Fact]
    public async Task AForgedOrStalePressIsToldSoAndChangesNothing()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 5));
        var sent = Assert.Single(await bot.Server.WaitForSentAsync(1));
        var messageId = Assert.Single(bot.Server.SentMessages)["message_id"]!.GetValue<int>();
        var real = Data(sent["reply_markup"], 0, 0);

        var presses = new[] { "fb:" + real[3..^2] + ":x", "fb:not-a-key", "something else", "fb:" + QuestionRecord.NewKey() + ":u", "" };
        foreach (var data in presses)
            await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, data, language: "en"), "callback_query"));

        Assert.Equal(
            ["That button is not one of mine.", "That button is not one of mine.", "That button is not one of mine.",
             "That answer is no longer on record, so the vote was not counted.", "That button is not one of mine."],
            bot.Server.CallbackAnswers.Select(a => a["text"]!.GetValue<string>()));
        Assert.Empty(bot.Server.KeyboardEdits);
        Assert.Empty((await RecordAsync(bot)).Votes);
        // Other tests' hosts in this process export their meters too: only Telegram's votes are this test's.
        Assert.DoesNotMatch(@"talksbot_feedback_total\{[^}]*front_end=""telegram""", await MetricsAsync(bot));

        // An answer removed by retention is stale too, and said so in Dutch to a Dutch user.
        await bot.App.Services.GetRequiredService<IQuestionLog>().RemoveBeforeAsync(DateTime.UtcNow.AddMinutes(1));
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(7, messageId, real, language: "nl"), "callback_query"));
        Assert.StartsWith("Dit antwoord staat niet meer", bot.Server.CallbackAnswers.Last()["text"]!.GetValue<string>());
        Assert.Empty(bot.Server.KeyboardEdits);
    }

    [Fact]
    public async Task ForgetRemovesTheAskersQuestionsVotesAndConversationAndSaysSo()
    {
        await using var bot = await TelegramApp.StartAsync();
        bot.Server.Push(FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1));
        bot.Server.Push(FakeTelegramServer.Text(8, "Who is Rustem Umerov?", userId: 50, messageId: 2));
        var sent = await bot.Server.WaitForSentAsync(2);
        var other = bot.Server.SentMessages.Single(m => m["chat"]!["id"]!.GetValue<long>() == 8)["message_id"]!.GetValue<int>();
        var othersAnswer = sent.Single(s => s["chat_id"]!.GetValue<long>() == 8);
        await bot.Server.WaitForHandledAsync(bot.Server.Push(FakeTelegramServer.Press(8, other, Data(othersAnswer["reply_markup"], 0, 1)), "callback_query"));
        var services = bot.App.Services;
        Assert.NotEmpty(await services.GetRequiredService<TalksBot.Conversations.IConversationStore>().RecentAsync("telegram:7:"));

        bot.Server.Push(FakeTelegramServer.Text(7, "/forget", messageId: 3));
        var told = (await bot.Server.WaitForSentAsync(3)).Last();
        Assert.Equal("Forgotten: 1 of your questions and 1 of your votes, and this conversation.", told["text"]!.GetValue<string>());
        Assert.Null(told["reply_markup"]);

        var left = Assert.Single((await services.GetRequiredService<IQuestionLog>().FindAsync(new QuestionQuery())).Items);
        Assert.Empty(left.Votes); // user 42's vote on user 50's answer is gone; user 50's question stays
        Assert.Empty(await services.GetRequiredService<TalksBot.Conversations.IConversationStore>().RecentAsync("telegram:7:"));
        Assert.NotEmpty(await services.GetRequiredService<TalksBot.Conversations.IConversationStore>().RecentAsync("telegram:8:"));
    }

    [Fact]
    public async Task ServingRemovesWhatIsOlderThanTheRetention()
    {
        await using var bot = await TelegramApp.StartAsync(new() { ["QuestionLog:RetentionDays"] = "30" });
        var log = bot.App.Services.GetRequiredService<IQuestionLog>();
        foreach (var (question, days) in new[] { ("old", 31), ("recent", 29) })
            log.Record(new QuestionRecord { Key = QuestionRecord.NewKey(), At = DateTime.UtcNow.AddDays(-days), FrontEnd = "telegram", Question = question, Answer = "-", Engine = "e" }, "telegram:1");
        Assert.Equal(2, (await log.FindAsync(new QuestionQuery())).Total);

        await bot.RestartAsync(); // the log is trimmed as serving starts, and every hour after
        var kept = bot.App.Services.GetRequiredService<IQuestionLog>();
        var until = DateTime.UtcNow.AddSeconds(10);
        while ((await kept.FindAsync(new QuestionQuery())).Total > 1 && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.Equal(["recent"], (await kept.FindAsync(new QuestionQuery())).Items.Select(r => r.Question));
    }

    [Fact]
    public async Task APressRedeliveredToTheWebhookIsCountedOnce()
    {
        const string secret = "s3cret-token_for-tests";
        await using var bot = await TelegramApp.StartAsync(new() { ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = secret });
        using var http = new HttpClient();
        async Task DeliverAsync(JsonObject update)
        {
            using var request = FakeTelegramServer.WebhookPost(bot.Url, update.ToJsonString(), secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        await DeliverAsync(new JsonObject { ["update_id"] = 1, ["message"] = FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 3) });
        var sent = Assert.Single(await bot.Server.WaitForSentAsync(1));
        var messageId = Assert.Single(bot.Server.SentMessages)["message_id"]!.GetValue<int>();

        var press = new JsonObject { ["update_id"] = 2, ["callback_query"] = FakeTelegramServer.Press(7, messageId, Data(sent["reply_markup"], 0, 1)) };
        await DeliverAsync(press);
        await DeliverAsync((JsonObject)press.DeepClone());
        await EventuallyAsync(() => bot.Server.CallbackAnswers.IsEmpty ? null : bot.Server.CallbackAnswers);
        // A later update of the chat is handled after the press and its redelivery: once it is answered, nothing more comes of them.
        await DeliverAsync(new JsonObject { ["update_id"] = 3, ["message"] = FakeTelegramServer.Text(7, "/help", messageId: 4) });
        await bot.Server.WaitForSentAsync(2);

        Assert.Single(bot.Server.CallbackAnswers);
        Assert.Single(bot.Server.KeyboardEdits);
        Assert.False(Assert.Single((await RecordAsync(bot)).Votes).Helpful);
        Assert.Matches(@"talksbot_feedback_total\{[^}]*front_end=""telegram""[^}]*vote=""unhelpful""[^}]*\} 1(\s|$)", await MetricsAsync(bot));
    }
}
