using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using NSec.Cryptography;
using TalksBot.Cli;
using TalksBot.Tests.Fakes;

namespace TalksBot.Tests.Discord;

/// <summary>The `serve` app with the Discord endpoint on, a test key pair to sign requests as Discord does, and a fake Discord REST server.</summary>
public sealed class DiscordApp : IAsyncDisposable
{
    public const string ApplicationId = "4242";
    readonly Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    readonly HttpClient http = new();
    public FakeDiscordServer Server { get; private init; } = null!;
    public TestKnowledgeBase Knowledge { get; private init; } = null!;
    public WebApplication App { get; private set; } = null!;
    Dictionary<string, string?> settings = [];

    /// <param name="extra">Settings over the test's own (a shared PostgreSQL store, say).</param>
    public static async Task<DiscordApp> StartAsync(bool withSeeds = true, Action<string>? seed = null, Dictionary<string, string?>? extra = null)
    {
        var discord = new DiscordApp { Server = await FakeDiscordServer.StartAsync(), Knowledge = new TestKnowledgeBase(withSeeds) };
        seed?.Invoke(discord.Knowledge.Seeds);
        var settings = new Dictionary<string, string?>
        {
            ["Seeds:Path"] = discord.Knowledge.Seeds, ["Index:DatabasePath"] = discord.Knowledge.Database, ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Discord:ApplicationId"] = ApplicationId, ["Discord:ApiBaseUrl"] = discord.Server.Url,
            ["Discord:PublicKey"] = Convert.ToHexStringLower(discord.key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        discord.settings = settings;
        discord.App = ServeHost.Build(settings);
        await ServeHost.StartAsync(discord.App, CancellationToken.None);
        return discord;
    }

    /// <summary>Stops the app and starts it again on the same database, as a restarted process.</summary>
    public async Task RestartAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        App = ServeHost.Build(settings);
        await ServeHost.StartAsync(App, CancellationToken.None);
    }

    /// <summary>Posts a body signed with the test key (or as told otherwise) and returns the status and body.</summary>
    /// <param name="chunked">Sent without a Content-Length, as a stream of chunks.</param>
    public async Task<(int Status, JsonNode? Body)> PostAsync(string body, bool sign = true, long? timestamp = null, bool tamper = false, bool headers = true, bool chunked = false)
    {
        var stamp = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString();
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(stamp + body));
        if (tamper) signature[0] ^= 0xFF;
        HttpContent content = chunked ? ChunkedContent.Of(body) : new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, App.Urls.First() + "/discord/interactions") { Content = content };
        if (headers)
        {
            request.Headers.Add("X-Signature-Timestamp", stamp);
            request.Headers.Add("X-Signature-Ed25519", sign ? Convert.ToHexStringLower(signature) : new string('0', 128));
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    static int nextId;

    /// <summary>A press of a message component (type 3) carrying <paramref name="customId"/>, by <paramref name="user"/> in a server.</summary>
    public static string Press(string customId, string user = "u-1", string locale = "en-US") => new JsonObject
    {
        ["type"] = 3, ["id"] = Interlocked.Increment(ref nextId).ToString(), ["application_id"] = ApplicationId, ["token"] = "tok-press", ["channel_id"] = "c-1",
        ["locale"] = locale, ["message"] = new JsonObject { ["id"] = "m-1" },
        ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = user } },
    }.ToJsonString();

    public static string Command(string name, string? question = null, bool? isPrivate = null, string token = "tok-1", string channel = "c-1", string? user = null)
    {
        var options = new JsonArray();
        if (question is not null) options.Add(new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question });
        if (isPrivate is not null) options.Add(new JsonObject { ["name"] = "private", ["type"] = 5, ["value"] = isPrivate });
        return new JsonObject
        {
            ["type"] = 2, ["id"] = Interlocked.Increment(ref nextId).ToString(), ["application_id"] = ApplicationId, ["token"] = token, ["channel_id"] = channel, ["locale"] = "en-US",
            ["data"] = new JsonObject { ["name"] = name, ["type"] = 1, ["options"] = options },
            ["member"] = user is null ? null : new JsonObject { ["user"] = new JsonObject { ["id"] = user } },
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Server.DisposeAsync();
        Knowledge.Dispose();
        http.Dispose();
        key.Dispose();
    }
}
