using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot;
using TalksBot.Limits;
using TalksBot.Storage;

namespace TalksBot.Telegram;

public static class TelegramExtensions
{
    /// <summary>The Telegram front end, when Telegram:Token is set: long polling, or the webhook with Telegram:Mode = webhook.</summary>
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration("Telegram")
            .Validate(o => o.Mode is "polling" or "webhook", "Telegram:Mode must be \"polling\" or \"webhook\".")
            .Validate(o => !o.Enabled || o.Mode != "webhook" || !string.IsNullOrWhiteSpace(o.WebhookSecret), "Telegram:Mode is webhook, so Telegram:WebhookSecret must be set.")
            .Validate(o => o.ClaimLeaseSeconds >= 3, "Telegram:ClaimLeaseSeconds must be at least 3.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ApiBaseUrl) || Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Telegram:ApiBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection("Telegram").Get<TelegramOptions>() ?? new TelegramOptions();
        if (!options.Enabled) return builder;

        builder.Services.AddSingleton<ITelegramBotClient>(_ => new TelegramBotClient(
            new TelegramBotClientOptions(options.Token!, string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl.TrimEnd('/')),
            new HttpClient { Timeout = TimeSpan.FromSeconds(options.PollSeconds + 30) }));
        if (builder.UsesPostgres()) builder.Services.AddSingleton<ITelegramState, PostgresTelegramState>();
        else builder.Services.AddSingleton<ITelegramState, LiteDbTelegramState>();
        builder.Services.AddSingleton<PacerFactory>(provider => builder.UsesPostgres()
            ? (name, interval) => new PostgresPacer(provider.GetRequiredService<PostgresDatabase>(), name, interval)
            : (_, interval) => new Pacer(interval, provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<TelegramSender>();
        builder.AddRecentEvents();
        builder.Services.AddSingleton<FloodGuard>();
        builder.Services.AddSingleton<TelegramUpdateHandler>();
        if (options.Mode == "webhook")
        {
            builder.Services.AddSingleton<WebhookArrivals>();
            builder.Services.AddHostedService<TelegramWebhookWorker>();
        }
        else
        {
            builder.Services.AddHostedService<TelegramPollingWorker>();
        }
        return builder;
    }
}
