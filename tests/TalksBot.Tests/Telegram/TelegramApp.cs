using Microsoft.AspNetCore.Builder;
using TalksBot.Cli;
using TalksBot.Tests.Fakes;
using TalksBot.Fakes;

namespace TalksBot.Tests.Telegram;

/// <summary>The `serve` app with Telegram on, talking to a fake Bot API server, over a knowledge base of its own.</summary>
public sealed class TelegramApp : IAsyncDisposable
{
    public FakeTelegramServer Server { get; private init; } = null!;
    public TestKnowledgeBase Knowledge { get; private init; } = null!;
    public WebApplication App { get; private set; } = null!;
    public string Url => App.Urls.First();
    readonly Dictionary<string, string?> settings = [];

    bool ownsServer;

    /// <param name="server">A Bot API server shared with other apps (replicas of one bot); by default one of its own.</param>
    public static async Task<TelegramApp> StartAsync(Dictionary<string, string?>? extra = null, bool withSeeds = true, Action<string>? seed = null, FakeTelegramServer? server = null)
    {
        var app = new TelegramApp { Server = server ?? await FakeTelegramServer.StartAsync(), Knowledge = new TestKnowledgeBase(withSeeds), ownsServer = server is null };
        seed?.Invoke(app.Knowledge.Seeds);
        app.settings["Seeds:Path"] = app.Knowledge.Seeds;
        app.settings["Index:DatabasePath"] = app.Knowledge.Database;
        app.settings["Serve:Urls"] = "http://127.0.0.1:0";
        app.settings["Telegram:Token"] = "123456:TEST-token";
        app.settings["Telegram:ApiBaseUrl"] = app.Server.Url;
        app.settings["Telegram:PollSeconds"] = "1";
        // Limits are lifted unless a test is about them, so tests do not wait on them.
        app.settings["Telegram:ChatMessagesPerSecond"] = "0";
        app.settings["Telegram:GroupMessagesPerMinute"] = "0";
        app.settings["Telegram:MessagesPerSecond"] = "0";
        foreach (var (key, value) in extra ?? []) app.settings[key] = value;
        await app.RestartAsync(stopFirst: false);
        return app;
    }

    /// <summary>
    /// Two `serve` replicas of one bot in webhook mode on one database (<paramref name="database"/>'s settings),
    /// sharing <paramref name="server"/>; the first has the seeds, the second none (it answers from the store).
    /// </summary>
    public static async Task<(TelegramApp A, TelegramApp B)> StartReplicasAsync(FakeTelegramServer server, Dictionary<string, string?> database, string secret)
    {
        var settings = new Dictionary<string, string?>(database) { ["Telegram:Mode"] = "webhook", ["Telegram:WebhookSecret"] = secret };
        var a = await StartAsync(settings, server: server);
        return (a, await StartAsync(settings, withSeeds: false, server: server));
    }

    /// <summary>Stops the app and starts a new one on the same database: a process restart.</summary>
    public async Task RestartAsync(bool stopFirst = true)
    {
        if (stopFirst) await StopAsync();
        App = ServeHost.Build(settings);
        await ServeHost.StartAsync(App, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsServer) await Server.DisposeAsync();
        Knowledge.Dispose();
    }
}
