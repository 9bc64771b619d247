using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TalksBot.Fakes;

/// <summary>
/// A Telegram Bot API server on 127.0.0.1 for the real Telegram.Bot client: POST /bot{token}/{method}
/// with the methods the bot uses, updates served by offset as Telegram does, every call recorded,
/// and failures (429 with retry_after, 502) injected into the next sendMessage calls.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const long BotId = 999;
    public const string BotUsername = "talks_test_bot";
    LocalServer server = null!;
    readonly List<JsonObject> updates = [];
    int nextUpdateId = 1;
    int nextMessageId = 1000;

    public string Url => server.Url;
    public ConcurrentQueue<(string Method, JsonNode Body)> Calls { get; } = new();
    public ConcurrentQueue<JsonObject> Sent { get; } = new();
    /// <summary>The messages the sends made, as returned to the bot (with their message_id).</summary>
    public ConcurrentQueue<JsonObject> SentMessages { get; } = new();
    public ConcurrentQueue<DateTime> SentAt { get; } = new();
    /// <summary>Each message delivered: its chat, the message it replies to, and when.</summary>
    public ConcurrentQueue<(long Chat, int? ReplyTo, DateTime At)> Deliveries { get; } = new();
    public ConcurrentQueue<(int Code, int? RetryAfter)> FailNextSends { get; } = new();

    /// <summary>Each answerCallbackQuery and editMessageReplyMarkup call's body, as sent.</summary>
    public ConcurrentQueue<JsonObject> CallbackAnswers { get; } = new();
    public ConcurrentQueue<JsonObject> KeyboardEdits { get; } = new();

    /// <summary>How long sendChatAction takes: a bot is then caught in the middle of answering.</summary>
    public TimeSpan ChatActionDelay { get; set; }

    /// <summary>When set, every method fails with 401 Unauthorized, as Telegram answers a token it does not know.</summary>
    public bool RejectToken { get; set; }

    /// <summary>When set, getMe fails with 500: the bot then cannot tell whether a message is meant for it.</summary>
    public bool FailGetMe { get; set; }

    /// <summary>When set, sendMessage answers 429 as Telegram would past 30 messages a second in all or 1 a second to one chat.</summary>
    public bool EnforceLimits { get; set; }

    /// <summary>How many 429s the limits produced.</summary>
    public int LimitRejections => limitRejections;

    int limitRejections;
    (DateTime Until, int Code, int? RetryAfter) outage;

    /// <summary>How many sendMessage calls an outage turned away.</summary>
    public int OutageRejections => outageRejections;
    int outageRejections;

    /// <summary>For <paramref name="duration"/> from now, every sendMessage fails with <paramref name="code"/> (429 with retry_after, or a 5xx).</summary>
    public void Outage(int code, TimeSpan duration, int? retryAfter = null) => outage = (DateTime.UtcNow + duration, code, retryAfter);
    readonly Queue<DateTime> recentSends = new();
    readonly Dictionary<long, DateTime> lastSendToChat = [];

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var fake = new FakeTelegramServer();
        fake.server = await LocalServer.StartAsync(app =>
        {
            app.MapPost("/bot{token}/{method}", async (string method, HttpRequest request) =>
            {
                var text = await new StreamReader(request.Body).ReadToEndAsync();
                var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
                fake.Calls.Enqueue((method, body));
                return await fake.HandleAsync(method, body);
            });
        });
        return fake;
    }

    async Task<IResult> HandleAsync(string method, JsonNode body)
    {
        if (RejectToken)
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" }, statusCode: 401);
        switch (method)
        {
            case "getMe" when FailGetMe:
                return Failure(500, null);
            case "getMe":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "TalksBot", ["username"] = BotUsername });
            case "getUpdates":
                var offset = body["offset"]?.GetValue<int>() ?? 0;
                var wait = Math.Min(body["timeout"]?.GetValue<int>() ?? 0, 1);
                for (var waited = 0; waited <= wait * 10; waited++)
                {
                    lock (updates)
                    {
                        updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                        if (updates.Count > 0) return Ok(new JsonArray([.. updates.Select(u => (JsonNode)u.DeepClone())]));
                    }
                    await Task.Delay(100);
                }
                return Ok(new JsonArray());
            case "sendMessage":
                if (FailNextSends.TryDequeue(out var failure)) return Failure(failure.Code, failure.RetryAfter);
                if (outage is var (until, code, retryAfter) && DateTime.UtcNow < until)
                {
                    Interlocked.Increment(ref outageRejections);
                    return Failure(code, retryAfter);
                }
                var chatId = body["chat_id"]!.GetValue<long>();
                if (EnforceLimits && OverLimit(chatId))
                {
                    Interlocked.Increment(ref limitRejections);
                    return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 429, ["description"] = "Too Many Requests: retry after 1",
                        ["parameters"] = new JsonObject { ["retry_after"] = 1 } }, statusCode: 429);
                }
                var message = new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref nextMessageId), ["date"] = 1700000000,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "TalksBot" },
                    ["text"] = body["text"]!.GetValue<string>(),
                };
                SentAt.Enqueue(DateTime.UtcNow);
                Deliveries.Enqueue((chatId, body["reply_parameters"]?["message_id"]?.GetValue<int>(), DateTime.UtcNow));
                SentMessages.Enqueue(message);
                Sent.Enqueue(body.AsObject());
                return Ok(message);
            case "answerCallbackQuery":
                CallbackAnswers.Enqueue(body.AsObject());
                return Ok(JsonValue.Create(true));
            case "editMessageReplyMarkup":
                KeyboardEdits.Enqueue(body.AsObject());
                var edited = body["chat_id"]!.GetValue<long>();
                return Ok(new JsonObject
                {
                    ["message_id"] = body["message_id"]!.GetValue<int>(), ["date"] = 1700000000, ["text"] = "…",
                    ["chat"] = new JsonObject { ["id"] = edited, ["type"] = edited < 0 ? "supergroup" : "private" },
                    ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "TalksBot" },
                    ["reply_markup"] = body["reply_markup"]?.DeepClone(),
                });
            case "sendChatAction":
                await Task.Delay(ChatActionDelay);
                return Ok(JsonValue.Create(true));
            default: // setWebhook, deleteWebhook
                return Ok(JsonValue.Create(true));
        }
    }

    bool OverLimit(long chatId)
    {
        var now = DateTime.UtcNow;
        lock (recentSends)
        {
            while (recentSends.Count > 0 && now - recentSends.Peek() >= TimeSpan.FromSeconds(1)) recentSends.Dequeue();
            if (recentSends.Count >= 30) return true;
            if (lastSendToChat.TryGetValue(chatId, out var last) && now - last < TimeSpan.FromSeconds(1)) return true;
            recentSends.Enqueue(now);
            lastSendToChat[chatId] = now;
            return false;
        }
    }

    static IResult Failure(int code, int? retryAfter) => Results.Json(new JsonObject
    {
        ["ok"] = false, ["error_code"] = code, ["description"] = code == 429 ? "Too Many Requests" : "Bad Gateway",
        ["parameters"] = retryAfter is { } after ? new JsonObject { ["retry_after"] = after } : null,
    }, statusCode: code);

    static IResult Ok(JsonNode result) => Results.Content(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString(), "application/json");

    /// <summary>Queues a message as an update for getUpdates (as "message", or another kind such as "edited_message"); returns the update.</summary>
    public JsonObject Push(JsonObject message, string kind = "message")
    {
        lock (updates)
        {
            var update = new JsonObject { ["update_id"] = nextUpdateId++, [kind] = message };
            updates.Add(update);
            return update;
        }
    }

    public static JsonObject Text(long chatId, string text, long userId = 42, string language = "en", int? messageId = null, JsonArray? entities = null, JsonObject? replyTo = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId ?? Random.Shared.Next(1, 900),
            ["date"] = 1700000000,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private", ["title"] = chatId < 0 ? "Group" : null },
            ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ann", ["language_code"] = language },
            ["text"] = text,
        };
        if (entities is not null) message["entities"] = entities;
        if (replyTo is not null) message["reply_to_message"] = replyTo;
        return message;
    }

    /// <summary>A press of an inline button with <paramref name="data"/> under the bot's message <paramref name="messageId"/>, as a callback_query update's body.</summary>
    public static JsonObject Press(long chatId, int messageId, string data, long userId = 42, string language = "en") => new()
    {
        ["id"] = Guid.NewGuid().ToString("N"),
        ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ann", ["language_code"] = language },
        ["message"] = new JsonObject
        {
            ["message_id"] = messageId, ["date"] = 1700000000, ["text"] = "…",
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId < 0 ? "supergroup" : "private" },
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "TalksBot" },
        },
        ["chat_instance"] = "1",
        ["data"] = data,
    };

    /// <summary>An update as Telegram posts it to a bot's webhook at <paramref name="serveUrl"/>, with the secret header when given.</summary>
    public static HttpRequestMessage WebhookPost(string serveUrl, string update, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, serveUrl + "/telegram/webhook") { Content = new StringContent(update, System.Text.Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return request;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were sent, or fails after the timeout.</summary>
    public async Task<List<JsonObject>> WaitForSentAsync(int count, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (Sent.Count < count && DateTime.UtcNow < until) await Task.Delay(50);
        if (Sent.Count < count) throw new TimeoutException($"{Sent.Count} of {count} messages sent within {seconds} s");
        return [.. Sent];
    }

    /// <summary>
    /// Waits until the bot asks for the updates after <paramref name="update"/>. A poller handles a whole
    /// batch, answers sent, before it asks for the next, so once it does nothing more comes of that
    /// update or of any before it: the check that no further message arrives, without a sleep.
    /// </summary>
    public async Task WaitForHandledAsync(JsonObject update, int seconds = 20)
    {
        var id = update["update_id"]!.GetValue<int>();
        bool Asked() => Calls.Any(c => c.Method == "getUpdates" && (c.Body["offset"]?.GetValue<int>() ?? 0) > id);
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!Asked() && DateTime.UtcNow < until) await Task.Delay(50);
        if (!Asked()) throw new TimeoutException($"update {id} not confirmed within {seconds} s");
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
