using System.Net;
using System.Text.Json.Nodes;
using TalksBot.Fakes;
using TalksBot.Tests.Storage;

namespace TalksBot.Tests.Telegram;

/// <summary>Two `serve` replicas on one PostgreSQL database behind one bot: the real Telegram.Bot client against one fake Bot API server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TelegramReplicaTests(PostgresFixture postgres)
{
    const string Secret = "replica-webhook-secret";

    [Fact]
    public async Task UpdatesSpreadOverReplicasAndRedeliveredToTheOtherAreAnsweredOnceInEachChatsOrder()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        var (a, b) = await TelegramApp.StartReplicasAsync(server, await postgres.NewDatabaseAsync(), Secret);
        await using var first = a;
        await using var second = b;
        TelegramApp[] replicas = [a, b];

        using var http = new HttpClient();
        const int Updates = 60;
        for (var id = 1; id <= Updates; id++)
        {
            var chat = 100 + id % 4;
            var question = id % 3 == 0 ? "/help" : "Who is Rustem Umerov?";
            var update = new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(chat, question, userId: 1000 + id, messageId: id) }.ToJsonString();
            using (var request = FakeTelegramServer.WebhookPost(replicas[id % 2].Url, update, Secret))
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            if (id % 5 == 0)
                using (var again = FakeTelegramServer.WebhookPost(replicas[(id + 1) % 2].Url, update, Secret))
                    Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(again)).StatusCode);
        }

        // Every update is answered by one message or more; the first replies to it.
        var replies = ReplyIds(server);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (replies.Distinct().Count() < Updates && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            replies = ReplyIds(server);
        }
        Assert.Equal(Enumerable.Range(1, Updates), replies.Order());
        foreach (var chat in server.Sent.Where(m => m["reply_parameters"] is not null).GroupBy(m => m["chat_id"]!.GetValue<long>()))
        {
            var order = chat.Select(m => m["reply_parameters"]!["message_id"]!.GetValue<int>()).ToList();
            Assert.True(order.SequenceEqual(order.Order()), $"chat {chat.Key}: {string.Join(",", order)}");
        }
    }

    [Fact]
    public async Task TelegramsLimitsHoldForTheReplicasTogether()
    {
        var database = await postgres.NewDatabaseAsync();
        // Telegram's own limits, as in production: 30 messages a second in all, one a second per chat.
        database["Telegram:MessagesPerSecond"] = "30";
        database["Telegram:ChatMessagesPerSecond"] = "1";
        await using var server = await FakeTelegramServer.StartAsync();
        server.EnforceLimits = true;
        var (a, b) = await TelegramApp.StartReplicasAsync(server, database, Secret);
        await using var first = a;
        await using var second = b;

        using var http = new HttpClient();
        const int Updates = 90;
        for (var id = 1; id <= Updates; id++)
        {
            // Every chat twice in a row, on both replicas: the per-chat limit is crossed unless it is shared.
            var chat = 500 + (id + 1) / 2;
            var update = new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(chat, "/help", userId: chat, messageId: id) }.ToJsonString();
            using var request = FakeTelegramServer.WebhookPost((id % 2 == 0 ? a : b).Url, update, Secret);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        await server.WaitForSentAsync(Updates, seconds: 60);
        Assert.Equal(0, server.LimitRejections);
    }

    static List<int> ReplyIds(FakeTelegramServer server) =>
        [.. server.Sent.Where(m => m["reply_parameters"] is not null).Select(m => m["reply_parameters"]!["message_id"]!.GetValue<int>())];

    [Fact]
    public async Task WhenThePollingReplicaStopsAStandbyTakesOverWithoutLosingOrRepeatingAnUpdate()
    {
        var settings = await postgres.NewDatabaseAsync();
        await using var server = await FakeTelegramServer.StartAsync();
        var a = await TelegramApp.StartAsync(settings, server: server);
        await using var b = await TelegramApp.StartAsync(settings, withSeeds: false, server: server);

        var first = server.Push(FakeTelegramServer.Text(7, "/help", messageId: 1));
        await server.WaitForHandledAsync(first);
        await a.DisposeAsync(); // the poller goes away; b stands by and takes over within seconds
        var second = server.Push(FakeTelegramServer.Text(7, "/sources", messageId: 2));
        await server.WaitForHandledAsync(second, seconds: 30);

        Assert.Equal([1, 2], ReplyIds(server));
    }
}
