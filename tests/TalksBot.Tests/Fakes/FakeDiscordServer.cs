using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using TalksBot.Fakes;

namespace TalksBot.Tests.Fakes;

/// <summary>Discord's REST API on 127.0.0.1, as far as the bot uses it: every call recorded, and 429s injected on request.</summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    LocalServer server = null!;
    public string Url => server.Url + "/api/v10";
    public ConcurrentQueue<(string Method, string Path, string? Authorization, JsonNode Body)> Calls { get; } = new();

    /// <summary>The next calls answered 429 with this retry_after (seconds).</summary>
    public ConcurrentQueue<double> RateLimitNext { get; } = new();

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var fake = new FakeDiscordServer();
        fake.server = await LocalServer.StartAsync(app =>
        {
            app.Map("/api/v10/{**path}", async (HttpContext context, string path) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                fake.Calls.Enqueue((context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!));
                if (fake.RateLimitNext.TryDequeue(out var retryAfter))
                    return Results.Json(new { message = "You are being rate limited.", retry_after = retryAfter, global = false }, statusCode: 429);
                return Results.Json(new { id = "1", ok = true });
            });
        });
        return fake;
    }

    public async Task<List<(string Method, string Path, string? Authorization, JsonNode Body)>> WaitForCallsAsync(int count, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (Calls.Count < count && DateTime.UtcNow < until) await Task.Delay(50);
        if (Calls.Count < count) throw new TimeoutException($"{Calls.Count} of {count} Discord calls within {seconds} s");
        return [.. Calls];
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
