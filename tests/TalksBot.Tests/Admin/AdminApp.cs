using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using TalksBot.Cli;

namespace TalksBot.Tests.Admin;

/// <summary>The `serve` app with the admin console, and a signed-in HTTP client for its API.</summary>
public sealed class AdminApp : IAsyncDisposable
{
    public const string Token = "test-admin-token-0123456789";
    public TestKnowledgeBase Knowledge { get; } = new();
    public WebApplication App { get; private set; } = null!;
    public string Url => App.Urls.First();
    readonly CookieContainer cookies = new();
    public HttpClient Client { get; private set; } = null!;
    public string Csrf { get; private set; } = "";

    public static async Task<AdminApp> StartAsync(bool signIn = true, Dictionary<string, string?>? extra = null)
    {
        var admin = new AdminApp();
        var settings = new Dictionary<string, string?>
        {
            ["Seeds:Path"] = admin.Knowledge.Seeds, ["Index:DatabasePath"] = admin.Knowledge.Database,
            ["Serve:Urls"] = "http://127.0.0.1:0", ["Admin:Token"] = Token,
            // Reindexes happen when a test asks for them, not when the watcher sees a file.
            ["Seeds:Watch"] = "false",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        admin.App = ServeHost.Build(settings);
        await ServeHost.StartAsync(admin.App, CancellationToken.None);
        admin.Client = new HttpClient(new HttpClientHandler { CookieContainer = admin.cookies, AllowAutoRedirect = true }) { BaseAddress = new Uri(admin.Url) };
        if (signIn) await admin.SignInAsync();
        return admin;
    }

    public async Task SignInAsync()
    {
        var page = await (await Client.PostAsync("/admin/signin", new FormUrlEncodedContent([new("token", Token)]))).Content.ReadAsStringAsync();
        Csrf = Regex.Match(page, "name=\"csrf\" content=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(Csrf);
    }

    /// <summary>The session cookie's value, as the browser holds it.</summary>
    public string Cookie() => cookies.GetCookies(new Uri(Url + "/admin"))[TalksBot.Admin.AdminEndpoints.Cookie]!.Value;

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (csrf) request.Headers.Add("X-CSRF-Token", Csrf);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Knowledge.Dispose();
    }
}
