using TalksBot.Feeds;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TalksBot.Admin;
using TalksBot.Answer;
using TalksBot.Discord;
using TalksBot.Index;
using TalksBot.Observability;
using TalksBot.Questions;
using TalksBot.Semantic;
using TalksBot.Storage;
using TalksBot.Telegram;

namespace TalksBot.Cli;

/// <summary>The `serve` process: every configured front end and /healthz, on Serve:Urls (default http://127.0.0.1:8080).</summary>
public static partial class ServeHost
{
    public static WebApplication Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.AddTalksBotConfiguration();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(builder.Configuration["Serve:Urls"] ?? ServeUrls.Default);
        builder.AddTalksBot();
        builder.Services.AddHostedService<FeedPolling>();
        builder.Services.AddHostedService<QuestionLogUpkeep>();
        builder.Services.AddHostedService<SentenceWarmer>();
        if (!builder.UsesPostgres())
        {
            builder.Services.AddSingleton<ServedVerbs>();
            builder.Services.AddSingleton<DatabaseWatchdog>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<DatabaseWatchdog>());
        }
        // System.Runtime: the runtime's own meter (working set, GC heap, thread pool), to watch memory stay flat.
        // Named, so that a scrape says which service and version it came from (not "unknown_service").
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("talksbot", serviceVersion: typeof(ServeHost).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics => metrics.AddMeter(TalksBotMetrics.MeterName, "System.Runtime").AddPrometheusExporter());

        var app = builder.Build();
        UseTrustedProxies(app);
        app.MapGet("/healthz", HealthAsync);
        if (app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value is { Enabled: true, Mode: "webhook" }) app.MapTelegramWebhook();
        if (app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.Enabled) app.MapDiscordInteractions();
        if (AdminAllowed(app)) app.MapAdmin();
        app.Services.GetService<ServedVerbs>()?.Map(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    static async Task<IResult> HealthAsync(KnowledgeBase knowledge, Faults faults, FeedPoller feeds, CancellationToken cancellationToken)
    {
        // The store failing (PostgreSQL away, a dead disk) is a fault of the feeds' area, shown as such, not a failed health check.
        var failing = await faults.ContainAsync("feeds", () => feeds.FailingAsync(cancellationToken), []);
        var recent = faults.Recent();
        return recent.Count > 0 || knowledge.Problem is not null || failing.Count > 0
            ? Results.Ok(new { status = "degraded", reindexing = knowledge.IsReindexing, faults = recent, index = knowledge.Problem, feeds = failing })
            : Results.Ok(new { status = "ok", reindexing = knowledge.IsReindexing });
    }

    /// <summary>
    /// Behind a TLS proxy every request comes from the proxy's address, so per-address limits (admin
    /// sign-in) would count everyone together and the cookie would not know the request was HTTPS.
    /// X-Forwarded-For and -Proto are read only from the addresses in Serve:TrustedProxies (none by
    /// default: a header anyone can send is not believed).
    /// </summary>
    static void UseTrustedProxies(WebApplication app)
    {
        var trusted = TrustedProxies(app.Configuration);
        if (trusted.Length == 0) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in trusted)
            if (System.Net.IPAddress.TryParse(address, out var ip)) options.KnownProxies.Add(ip);
            else throw new OptionsValidationException("Serve", typeof(string), [$"Serve:TrustedProxies: \"{address}\" is not an IP address."]);
        app.UseForwardedHeaders(options);
    }

    /// <summary>Serve:TrustedProxies as a list: addresses separated by commas or spaces.</summary>
    public static string[] TrustedProxies(IConfiguration configuration) =>
        (configuration["Serve:TrustedProxies"] ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A console signed into with a token made at start is only served where nobody else can reach it.</summary>
    static bool AdminAllowed(WebApplication app)
    {
        if (!app.Services.GetRequiredService<AdminSessions>().TokenIsGenerated) return true;
        return ServeUrls.AllLoopback(app.Configuration["Serve:Urls"]);
    }

    /// <summary>Builds the index before the front ends take questions, and says which front ends are on.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // Before the index is built, and before the server's own attempt, which would log its failure with a stack trace.
        ServeUrls.ThrowIfTaken(app.Configuration["Serve:Urls"]);
        // The meter provider listens from its creation; made now, it counts the first reindex too.
        _ = app.Services.GetService<MeterProvider>();
        await app.Services.GetRequiredService<KnowledgeBase>().GetAsync(cancellationToken);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TalksBot.Serve");
        var telegram = app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (telegram.Enabled) LogTelegramOn(logger, telegram.Mode);
        else LogTelegramOff(logger);
        if (app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.Enabled) LogDiscordOn(logger, DiscordInteractions.Path);
        else LogDiscordOff(logger);
        await app.StartAsync(cancellationToken);
        // The verbs run beside it find the database taken, and ask this process instead (from the moment it says it listens).
        if (app.Services.GetService<ServedVerbs>() is { } verbs)
            app.Services.GetRequiredService<DatabaseLock>().Announce(ServeUrls.Local(string.Join(';', app.Urls)), verbs.Token);
        LogListening(logger, string.Join(", ", app.Urls));
        var sessions = app.Services.GetRequiredService<AdminSessions>();
        if (!AdminAllowed(app)) LogAdminOff(logger);
        else if (sessions.TokenIsGenerated)
            // Printed, not logged: like a notebook server's link, it is for the person at this console.
            Console.WriteLine($"Admin console: {app.Urls.First()}/admin/signin?token={sessions.Token}");
        else LogAdminOn(logger, app.Urls.First() + "/admin");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram is on ({Mode})")]
    static partial void LogTelegramOn(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram is off: set Telegram:Token (TALKSBOT__TELEGRAM__TOKEN) to turn it on")]
    static partial void LogTelegramOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord is on: interactions at {Path}")]
    static partial void LogDiscordOn(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord is off: set Discord:PublicKey (TALKSBOT__DISCORD__PUBLICKEY) to turn it on")]
    static partial void LogDiscordOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin console at {Url}")]
    static partial void LogAdminOn(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin console is off: Serve:Urls is not loopback and Admin:Token is not set")]
    static partial void LogAdminOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Urls}; health at /healthz")]
    static partial void LogListening(ILogger logger, string urls);
}
