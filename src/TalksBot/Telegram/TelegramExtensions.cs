using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
            // Telegram takes 1 to 256 of A-Z a-z 0-9 _ -; one that short is guessed, so 16 at least (`openssl rand -hex 32` gives 64).
            .Validate(o => string.IsNullOrEmpty(o.WebhookSecret) || o.WebhookSecret.Length is >= 16 and <= 256 && o.WebhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'),
                "Telegram:WebhookSecret must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (e.g. `openssl rand -hex 32`).")
            .Validate(o => o.ClaimLeaseSeconds >= 3, "Telegram:ClaimLeaseSeconds must be at least 3.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ApiBaseUrl) || Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Telegram:ApiBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection("Telegram").Get<TelegramOptions>() ?? new TelegramOptions();
        if (!options.Enabled) return builder;

        // One client for the process, from the factory; its connections are renewed every few minutes, so a long-lived
        // singleton still follows DNS changes of the Bot API's address.
        builder.Services.AddHttpClient(nameof(TelegramBotClient))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<ITelegramBotClient>(provider =>
        {
            var configured = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramBotClient));
            http.Timeout = TimeSpan.FromSeconds(configured.PollSeconds + 30); // a long poll waits PollSeconds by design
            return new TelegramBotClient(
                new TelegramBotClientOptions(configured.Token!, string.IsNullOrWhiteSpace(configured.ApiBaseUrl) ? null : configured.ApiBaseUrl.TrimEnd('/')), http);
        });
        if (builder.UsesPostgres()) builder.Services.AddSingleton<ITelegramState, PostgresTelegramState>();
        else builder.Services.AddSingleton<ITelegramState, LiteDbTelegramState>();
        builder.Services.AddSingleton<PacerFactory>(provider => builder.UsesPostgres()
            ? (name, interval) => new PostgresPacer(provider.GetRequiredService<PostgresDatabase>(), name, interval)
            : (_, interval) => new Pacer(interval, provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<TelegramSender>();
        builder.AddFloodGuard();
        builder.Services.AddSingleton<TelegramFeedback>();
        builder.Services.AddSingleton<TelegramUpdateHandler>();
        builder.Services.AddSingleton<TelegramUpdates>();
        builder.Services.AddHostedService<TelegramIdentity>();
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
