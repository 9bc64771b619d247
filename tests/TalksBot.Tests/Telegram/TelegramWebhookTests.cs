using System.Net;
using System.Text.Json.Nodes;
using TalksBot.Tests.Fakes;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

public class TelegramWebhookTests
{
    const string Secret = "s3cret-token_for-tests";

    static Task<TelegramApp> Start() => TelegramApp.StartAsync(new() { ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = Secret });

    static async Task<HttpStatusCode> Deliver(TelegramApp bot, string body, string? secret)
    {
        using var http = new HttpClient();
        using var request = FakeTelegramServer.WebhookPost(bot.Url, body, secret);
        return (await http.SendAsync(request)).StatusCode;
    }

    static string Update(int id, string text, int messageId) =>
        new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(7, text, messageId: messageId) }.ToJsonString();

    [Fact]
    public async Task WithoutTheSecretAnUpdateIsRejectedAndNothingIsAnswered()
    {
        await using var bot = await Start();
        Assert.Equal(HttpStatusCode.Unauthorized, await Deliver(bot, Update(1, "Who is Rustem Umerov?", 1), null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Deliver(bot, Update(2, "Who is Rustem Umerov?", 2), "wrong"));
        // Answers in a chat go in update order: once a later update's answer is out, none will come for these.
        Assert.Equal(HttpStatusCode.OK, await Deliver(bot, Update(3, "/help", 3), Secret));
        await bot.Server.WaitForSentAsync(1);
        Assert.Equal(3, Assert.Single(bot.Server.Sent)["reply_parameters"]!["message_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnUpdateIsAcknowledgedAndARedeliveryIsAnsweredOnce()
    {
        await using var bot = await Start();
        var update = Update(77, "Who is Rustem Umerov?", 5);
        Assert.Equal(HttpStatusCode.OK, await Deliver(bot, update, Secret));
        Assert.Equal(HttpStatusCode.OK, await Deliver(bot, update, Secret));
        // A later update of the same chat is answered after anything before it: once its answer is in, a second one would be too.
        Assert.Equal(HttpStatusCode.OK, await Deliver(bot, Update(78, "How many bodies will Ukraine return to Russia?", 6), Secret));

        await bot.Server.WaitForSentAsync(2);
        Assert.Equal([5, 6], bot.Server.Sent.Select(m => m["reply_parameters"]!["message_id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AChatWaitingForASlowAnswerDoesNotHoldUpAnother()
    {
        await using var model = await FakeOpenAIServer.StartAsync();
        using var slow = new SemaphoreSlim(0);
        model.Reply = body => { if (body.ToJsonString().Contains("Umerov")) slow.Wait(TimeSpan.FromSeconds(20)); return "NOT_IN_TEXTS"; };
        await using var bot = await TelegramApp.StartAsync(new()
        {
            ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = Secret,
            ["Answer:Engine"] = "openai", ["OpenAI:Endpoint"] = model.Endpoint, ["OpenAI:Model"] = "test-chat", ["OpenAI:TimeoutSeconds"] = "30",
        });
        var first = new JsonObject { ["update_id"] = 1, ["message"] = FakeTelegramServer.Text(7, "Who is Rustem Umerov?", messageId: 1) }.ToJsonString();
        var second = new JsonObject { ["update_id"] = 2, ["message"] = FakeTelegramServer.Text(8, "How many bodies will Ukraine return to Russia?", messageId: 2) }.ToJsonString();
        try
        {
            Assert.Equal(HttpStatusCode.OK, await Deliver(bot, first, Secret));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (model.ChatRequests.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.False(model.ChatRequests.IsEmpty, "the first chat's question never reached the model");

            // The first chat's answer is still with the model: the second chat's comes anyway.
            Assert.Equal(HttpStatusCode.OK, await Deliver(bot, second, Secret));
            Assert.Equal(8, Assert.Single(await bot.Server.WaitForSentAsync(1))["chat_id"]!.GetValue<long>());
        }
        finally
        {
            slow.Release();
        }
        Assert.Equal([8, 7], (await bot.Server.WaitForSentAsync(2)).Select(m => m["chat_id"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{"update_id": 5, "message": {"message_id": 1, "date": 0, "chat": null, "text": "hi"}}""")]
    [InlineData("""{"update_id": 6, "edited_message": {"message_id": 1, "date": 0, "text": "hi"}}""")]
    public async Task AMalformedBodyIsABadRequestAndNoFault(string body)
    {
        await using var bot = await Start();
        Assert.Equal(HttpStatusCode.BadRequest, await Deliver(bot, body, Secret));
        using var http = new HttpClient();
        Assert.Contains("\"ok\"", await http.GetStringAsync(bot.Url + "/healthz"));
    }

    [Fact]
    public async Task AnOverlongBodyIsRefusedEvenWithoutAContentLength()
    {
        await using var bot = await Start();
        var huge = Update(90, "Who is Rustem Umerov? " + new string('x', 1_200_000), 9);
        using var http = new HttpClient();
        using var request = FakeTelegramServer.WebhookPost(bot.Url, huge, Secret);
        request.Content = ChunkedContent.Of(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Deliver(bot, Update(91, "Who is Rustem Umerov?", 10), Secret));
    }
}
