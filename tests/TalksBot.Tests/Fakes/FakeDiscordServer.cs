using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalksBot.Tests.Fakes;

/// <summary>Discord's REST API on 127.0.0.1, as far as the bot uses it: every call recorded, and 429s injected on request.</summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    readonly WebApplication app;
    public string Url { get; }
    public ConcurrentQueue<(string Method, string Path, string? Authorization, JsonNode Body)> Calls { get; } = new();

    /// <summary>The next calls answered 429 with this retry_after (seconds).</summary>
    public ConcurrentQueue<double> RateLimitNext { get; } = new();

    FakeDiscordServer(WebApplication app)
    {
        this.app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/v10";
    }

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeDiscordServer? server = null;
        app.Map("/api/v10/{**path}", async (HttpContext context, string path) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            server!.Calls.Enqueue((context.Request.Method, path, context.Request.Headers.Authorization.ToString(), body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!));
            if (server.RateLimitNext.TryDequeue(out var retryAfter))
                return Results.Json(new { message = "You are being rate limited.", retry_after = retryAfter, global = false }, statusCode: 429);
            return Results.Json(new { id = "1", ok = true });
        });
        await app.StartAsync();
        return server = new FakeDiscordServer(app);
    }

    public async Task<List<(string Method, string Path, string? Authorization, JsonNode Body)>> WaitForCallsAsync(int count, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (Calls.Count < count && DateTime.UtcNow < until) await Task.Delay(50);
        if (Calls.Count < count) throw new TimeoutException($"{Calls.Count} of {count} Discord calls within {seconds} s");
        return [.. Calls];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
