using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TalksBot.Fakes;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 for the real SK connector to talk to. Embeddings are
/// bags of concepts: each word counts in one dimension, and words listed as synonyms share one,
/// so a test can show what dense retrieval finds that words alone do not. Faults: a status code,
/// a delay, a body cut short, a non-JSON body, or the server gone (connections refused).
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const int Dimensions = 512;
    LocalServer? server;
    string url = "http://127.0.0.1:0";

    public ConcurrentQueue<JsonNode> EmbeddingRequests { get; } = new();
    public ConcurrentQueue<JsonNode> ChatRequests { get; } = new();

    /// <summary>What the chat model answers, given the request; by default it knows nothing.</summary>
    public Func<JsonNode, string> Reply { get; set; } = _ => "NOT_IN_TEXTS";

    /// <summary>How long the chat model thinks before answering.</summary>
    public TimeSpan ChatDelay { get; set; }

    /// <summary>When set, chat responses stop halfway through their body.</summary>
    public bool CutChatShort { get; set; }
    public Dictionary<string, string> Synonyms { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every request gets this status code instead of an answer.</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, chat requests get 200 with this body (as text/html) instead of JSON.</summary>
    public string? GarbageBody { get; set; }

    /// <summary>The base URL a client is given, with /v1 as OpenAI's has.</summary>
    public string Endpoint => url + "/v1";

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var fake = new FakeOpenAIServer();
        await fake.ComeBackAsync();
        return fake;
    }

    /// <summary>Stops listening: connections to the endpoint are refused until <see cref="ComeBackAsync"/>.</summary>
    public async Task GoDownAsync()
    {
        if (server is not null) await server.DisposeAsync();
        server = null;
    }

    /// <summary>Listens again, at the same address.</summary>
    public async Task ComeBackAsync()
    {
        if (server is not null) return;
        server = await LocalServer.StartAsync(Map, url);
        url = server.Url;
    }

    void Map(WebApplication app)
    {
        app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            EmbeddingRequests.Enqueue(body);
            if (FailWith is { } status) return Results.StatusCode(status);
            var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
            var data = inputs.Select((text, i) =>
            {
                var vector = Embed(text);
                JsonNode embedding = base64
                    ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray()))
                    : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
                return new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
            });
            var response = new JsonObject
            {
                ["object"] = "list", ["data"] = new JsonArray([.. data]), ["model"] = body["model"]?.GetValue<string>(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["total_tokens"] = 1 },
            };
            return Results.Content(response.ToJsonString(), "application/json");
        });
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            ChatRequests.Enqueue(body);
            if (FailWith is { } status) { context.Response.StatusCode = status; return; }
            await Task.Delay(ChatDelay, context.RequestAborted);
            if (GarbageBody is { } garbage)
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(garbage);
                return;
            }
            var response = new JsonObject
            {
                ["id"] = "chatcmpl-test", ["object"] = "chat.completion", ["created"] = 1700000000, ["model"] = body["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Reply(body) },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
            }.ToJsonString();
            context.Response.ContentType = "application/json";
            if (CutChatShort)
            {
                await context.Response.WriteAsync(response[..(response.Length / 2)]);
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }
            await context.Response.WriteAsync(response);
        });
    }

    float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var raw in text.Split([' ', '\n', '.', ',', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.ToLowerInvariant();
            var concept = Synonyms.GetValueOrDefault(word, word);
            // A stable hash: string.GetHashCode changes from run to run, and so would collisions.
            var hash = BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(concept)));
            vector[(int)(hash % Dimensions)] += 1;
        }
        return vector;
    }

    public async ValueTask DisposeAsync() => await GoDownAsync();
}
