using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalksBot.Fakes;

/// <summary>A small web server on 127.0.0.1 at a free port, for the fake Telegram, Discord and OpenAI servers.</summary>
public sealed class LocalServer : IAsyncDisposable
{
    readonly WebApplication app;

    LocalServer(WebApplication app)
    {
        this.app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string Url { get; }

    /// <param name="url">Where to listen; a port of 0 picks a free one.</param>
    public static async Task<LocalServer> StartAsync(Action<WebApplication> map, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LocalServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
