using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalksBot.Limits;
using TalksBot.Storage;

namespace TalksBot.Discord;

public static class DiscordExtensions
{
    /// <summary>The Discord interactions endpoint, when Discord:PublicKey is set; the REST client always (for `discord register`).</summary>
    public static IHostApplicationBuilder AddDiscord(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscordOptions>().BindConfiguration("Discord")
            .Validate(o => !o.Enabled || new DiscordSignature(o.PublicKey).IsConfigured, "Discord:PublicKey must be the application's public key: 64 hex characters.")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Discord:ApiBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddHttpClient<DiscordRestClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        var options = builder.Configuration.GetSection("Discord").Get<DiscordOptions>() ?? new DiscordOptions();
        if (!options.Enabled) return builder;

        if (builder.UsesPostgres()) builder.Services.AddSingleton<ISeenInteractions, PostgresSeenInteractions>();
        else builder.Services.AddSingleton<ISeenInteractions, LiteDbSeenInteractions>();
        builder.Services.AddSingleton<DiscordFeedback>();
        builder.Services.AddSingleton(provider => new DiscordSignature(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));
        if (builder.UsesPostgres()) builder.Services.AddSingleton<IDiscordQueue, PostgresDiscordQueue>();
        else builder.Services.AddSingleton<IDiscordQueue, MemoryDiscordQueue>();
        builder.AddFloodGuard();
        builder.Services.AddHostedService<DiscordWorker>();
        return builder;
    }
}
