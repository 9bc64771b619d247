using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Index;
using TalksBot.Limits;

namespace TalksBot.Discord;

/// <summary>
/// POST /discord/interactions. The signature's form and the timestamp are checked before the body is
/// read, the body is read up to its limit only, and the Ed25519 signature is checked before anything
/// in it is (Discord probes with bad signatures and removes an endpoint that accepts one); a replayed
/// interaction gets 409 and no second answer; PING gets PONG; /ask is acknowledged with a deferred response within Discord's 3 seconds
/// and answered by <see cref="DiscordWorker"/>; /sources, /help and /forget are answered at once, and so are presses of
/// the feedback buttons (<see cref="DiscordFeedback"/>).
/// </summary>
public static class DiscordInteractions
{
    const string Group = "/discord";
    public const string Path = Group + "/interactions";
    const int MaxBodyBytes = 256 * 1024;
    static readonly (string English, string Dutch) HowToAsk = ("Use /ask, with private:true to see the answer alone.", "Gebruik /ask, met private:true om het antwoord alleen te zien.");

    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Group).MapPost("/interactions", ReceiveAsync);
        return app;
    }

    static async Task<Results<ContentHttpResult, UnauthorizedHttpResult, BadRequest, Conflict, StatusCodeHttpResult>> ReceiveAsync(HttpRequest request,
        DiscordSignature signature, ISeenInteractions seen, IOptions<DiscordOptions> options, IDiscordQueue queue, KnowledgeBase knowledge, FloodGuard flood, DiscordFeedback feedback, TimeProvider time)
    {
        // What can be told from the headers is checked before a byte of the body is read.
        var timestamp = request.Headers["X-Signature-Timestamp"].ToString();
        var signed = request.Headers["X-Signature-Ed25519"].ToString();
        // The window is compared as a range: a difference with a forged extreme timestamp would overflow.
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!DiscordSignature.IsWellFormed(signed) || !long.TryParse(timestamp, out var seconds)
            || seconds < now - options.Value.MaxClockSkewSeconds || seconds > now + options.Value.MaxClockSkewSeconds)
            return TypedResults.Unauthorized();
        if (request.ContentLength > MaxBodyBytes) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        byte[]? body;
        try
        {
            body = await ReadAtMostAsync(request.Body, MaxBodyBytes, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return TypedResults.StatusCode(e.StatusCode); // 408 for a body sent too slowly (Kestrel's minimum rate), 400 for a broken one
        }
        if (body is null) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!signature.Verify(signed, timestamp, body)) return TypedResults.Unauthorized();

        try
        {
            if (JsonNode.Parse(body) is not JsonObject interaction || interaction["type"]?.GetValueKind() != JsonValueKind.Number) return TypedResults.BadRequest();
            // Discord sends each interaction once; the same signed request again is a replay.
            if (interaction["type"]!.GetValue<int>() != 1 && !await seen.FirstTimeAsync(interaction["id"]?.ToString() ?? "", request.HttpContext.RequestAborted)) return TypedResults.Conflict();
            return await RespondAsync(interaction, queue, knowledge, flood, feedback, options.Value, request.HttpContext.RequestAborted) is { } response
                ? response : TypedResults.BadRequest();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return TypedResults.BadRequest(); // signed, but not an interaction: a field of the wrong type, an array
        }
    }

    /// <returns>The response, or null for an interaction of a kind or command this endpoint does not take (a 400).</returns>
    static async Task<ContentHttpResult?> RespondAsync(JsonNode interaction, IDiscordQueue queue, KnowledgeBase knowledge, FloodGuard flood, DiscordFeedback feedback,
        DiscordOptions options, CancellationToken cancellationToken)
    {
        var dutch = (interaction["locale"]?.GetValue<string>() ?? "").StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var channel = interaction["channel_id"]?.GetValue<string>() ?? interaction["channel"]?["id"]?.GetValue<string>() ?? "direct";
        switch (interaction["type"]!.GetValue<int>())
        {
            case 1:
                return Json(new JsonObject { ["type"] = 1 });
            case 3:
                return await feedback.PressAsync(interaction, dutch, cancellationToken) is { } pressed ? Json(pressed) : null;
            case 2:
                switch (interaction["data"]?["name"]?.GetValue<string>())
                {
                    case "ask":
                        var given = interaction["data"]?["options"]?.AsArray() ?? [];
                        var question = Option(given, "question")?.GetValue<string>() ?? "";
                        var isPrivate = Option(given, "private")?.GetValue<bool>() ?? false;
                        var (applicationId, token) = (interaction["application_id"]?.GetValue<string>(), interaction["token"]?.GetValue<string>());
                        if (applicationId is null || token is null) return null;
                        var user = DiscordFeedback.User(interaction);
                        // Every interaction must be answered, so past the limit the answer is the request to slow down, seen by the asker alone.
                        if (await flood.CheckAsync($"discord:{user ?? channel}", options.QuestionsPerUserPerMinute, cancellationToken) != FloodGuard.Verdict.Answer)
                            return Message(DiscordFormatter.Text(AboutTexts.SlowDown(dutch)), ephemeral: true);
                        var id = interaction["id"]?.ToString() ?? Guid.NewGuid().ToString("N");
                        await queue.EnqueueAsync(new DiscordAsk(id, applicationId, token, question, isPrivate, $"discord:{channel}", user), cancellationToken);
                        return Json(new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = isPrivate ? DiscordFormatter.Ephemeral : 0 } });
                    case "sources":
                        var index = await knowledge.GetAsync(cancellationToken);
                        return Message(DiscordFormatter.Text(AboutTexts.Sources(dutch, index.Sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)))));
                    case "forget":
                        return await feedback.ForgetAsync(interaction, $"discord:{channel}", dutch, cancellationToken) is { } forgot ? Json(forgot) : null;
                    case "help":
                        var all = await knowledge.GetAsync(cancellationToken);
                        var outlets = all.Sources.Values.Select(s => s.Outlet).OfType<string>().Distinct().Order();
                        return Message(DiscordFormatter.Text(AboutTexts.Help(dutch, outlets, all.Sources.Count, HowToAsk)));
                    default:
                        return null;
                }
            default:
                return null;
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that, chunked or not).</summary>
    static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static JsonNode? Option(JsonArray options, string name) => options.FirstOrDefault(o => o?["name"]?.GetValue<string>() == name)?["value"];

    static ContentHttpResult Message(JsonObject data, bool ephemeral = false)
    {
        if (ephemeral) data["flags"] = DiscordFormatter.Ephemeral;
        return Json(new JsonObject { ["type"] = 4, ["data"] = data });
    }

    static ContentHttpResult Json(JsonObject body) => TypedResults.Content(body.ToJsonString(), "application/json");
}
