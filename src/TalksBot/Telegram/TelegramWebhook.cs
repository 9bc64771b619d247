using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalksBot.Observability;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>
/// POST /telegram/webhook: the secret token header is checked first (401 without it, nothing
/// answered), the update is kept in the store and then acknowledged (503 when the store cannot take
/// it, so Telegram delivers it again), and <see cref="TelegramWebhookWorker"/> answers it.
/// </summary>
public static class TelegramWebhook
{
    const string Group = "/telegram";
    public const string Path = Group + "/webhook";
    const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    const int MaxBodyBytes = 1_000_000;

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Group).MapPost("/webhook", ReceiveAsync);
        return app;
    }

    static async Task<Results<Ok, UnauthorizedHttpResult, BadRequest, StatusCodeHttpResult>> ReceiveAsync(
        HttpRequest request, IOptions<TelegramOptions> options, ITelegramState state, WebhookArrivals arrivals, Faults faults)
    {
        if (!SecretMatches(request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret)) return TypedResults.Unauthorized();
        if (request.ContentLength > MaxBodyBytes) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        // The server stops a chunked body at the limit too, which a Content-Length check alone would not.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        string json;
        Update? update;
        try
        {
            using var reader = new StreamReader(request.Body);
            json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }
        catch (BadHttpRequestException e)
        {
            return TypedResults.StatusCode(e.StatusCode); // 413 past the limit, 408 for a body sent too slowly, 400 for a broken one
        }
        // Not Telegram's: nothing to deliver again, so not a 503 (which would have it sent for ever), and not a fault.
        if (update is null || !WellFormed(update)) return TypedResults.BadRequest();
        // On disk before the 200; when it cannot be, Telegram is asked to deliver it again later.
        if (!await faults.ContainAsync("telegram state", () => state.KeepAsync(update.Id, TelegramUpdates.ChatOf(update), json, CancellationToken.None))) return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        arrivals.Arrived();
        return TypedResults.Ok();
    }

    /// <summary>The JSON parsed, but an update as Telegram sends it carries a chat in any message and someone in a button press.</summary>
    static bool WellFormed(Update update) =>
        update.Id > 0
        && new[] { update.Message, update.EditedMessage, update.ChannelPost, update.EditedChannelPost }.All(m => m is null || m.Chat is not null)
        && update.CallbackQuery is null or { From: not null };

    static bool SecretMatches(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
