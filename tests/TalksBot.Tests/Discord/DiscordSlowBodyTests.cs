using System.Net;
using System.Text;
using NSec.Cryptography;
using TalksBot.Bench;

namespace TalksBot.Tests.Discord;

/// <summary>A signed request whose body trickles in is ended by the server's minimum data rate: a 4xx, and no error in the log.</summary>
public class DiscordSlowBodyTests
{
    /// <summary>A byte every half second: far under Kestrel's 240 bytes a second once its 5-second grace is over.</summary>
    sealed class Trickle(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var b in body)
            {
                await stream.WriteAsync(new[] { b });
                await stream.FlushAsync();
                await Task.Delay(500);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    [Fact]
    public async Task ASlowBodyIsRefusedWithoutAnErrorLogged()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        using var kb = new TestKnowledgeBase();
        var bot = new BotProcess(kb.Root, new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0",
            ["TALKSBOT__DISCORD__APPLICATIONID"] = "4242", ["TALKSBOT__DISCORD__PUBLICKEY"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        });
        var url = await bot.StartAsync();
        var body = Encoding.UTF8.GetBytes("""{"type":1,"id":"1"}""");
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var signature = SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(stamp), .. body]);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/discord/interactions") { Content = new Trickle(body) };
        request.Headers.Add("X-Signature-Timestamp", stamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
        try
        {
            var response = await http.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException) { } // the server may close the connection as it refuses
        await bot.StopAsync();

        Assert.Empty(bot.Errors);
        Assert.Equal(0, bot.Lines("   at "));
    }
}
