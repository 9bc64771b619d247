using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using TalksBot.Fakes;
using TalksBot.Tests.Storage;
using TalksBot.Tests.Telegram;

namespace TalksBot.Tests.Deploy;

/// <summary>
/// deploy/nginx.conf as shipped, in front of two `serve` replicas on one PostgreSQL database (the compose
/// file's postgres profile, without Docker): the upstream pointed at the replicas' loopback ports, nothing
/// else changed but where nginx keeps its files.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NginxProxyTests(PostgresFixture postgres)
{
    const string Secret = "nginx-webhook-secret";

    [Fact]
    public async Task WebhooksThroughTheProxyAreAnsweredOnceAndAStoppedReplicaIsPassedOver()
    {
        await using var server = await FakeTelegramServer.StartAsync();
        var (a, b) = await TelegramApp.StartReplicasAsync(server, await postgres.NewDatabaseAsync(), Secret);
        await using var second = b;
        await using var proxy = await Nginx.StartAsync([new Uri(a.Url).Port, new Uri(b.Url).Port]);

        using var http = new HttpClient();
        async Task<HttpStatusCode> DeliverAsync(int id)
        {
            var update = new JsonObject { ["update_id"] = id, ["message"] = FakeTelegramServer.Text(700 + id, "/help", userId: 700 + id, messageId: id) }.ToJsonString();
            using var request = FakeTelegramServer.WebhookPost(proxy.Url, update, Secret);
            return (await http.SendAsync(request)).StatusCode;
        }
        for (var id = 1; id <= 10; id++) Assert.Equal(HttpStatusCode.OK, await DeliverAsync(id));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(5)); // Telegram's retry: kept once
        await server.WaitForSentAsync(10);

        await a.DisposeAsync(); // one replica goes away; the proxy tries the other
        for (var id = 11; id <= 20; id++) Assert.Equal(HttpStatusCode.OK, await DeliverAsync(id));
        await server.WaitForSentAsync(20);
        var replies = server.Sent.Select(m => m["reply_parameters"]!["message_id"]!.GetValue<int>()).Order();
        Assert.Equal(Enumerable.Range(1, 20), replies);
    }

    /// <summary>Debian's nginx on a free loopback port, with deploy/nginx.conf's upstream pointed at <paramref name="ports"/>.</summary>
    sealed class Nginx : IAsyncDisposable
    {
        readonly Process process;
        readonly string folder;

        Nginx(Process process, string folder, int port)
        {
            this.process = process;
            this.folder = folder;
            Url = $"http://127.0.0.1:{port}";
        }

        public string Url { get; }

        public static async Task<Nginx> StartAsync(int[] ports)
        {
            var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("nginx is not installed: these tests need Debian's nginx-light (.ci/run installs it).");
            var folder = Directory.CreateTempSubdirectory("talksbot-nginx-").FullName;
            var port = FreePort();
            var shipped = await File.ReadAllTextAsync(Path.Combine(TestKnowledgeBase.RepositoryRoot(), "deploy", "nginx.conf"));
            var upstream = string.Join("\n", ports.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
            var config = shipped
                .Replace("        server replica:8080 max_fails=1 fail_timeout=5s;", upstream)
                .Replace("        listen 8080;", $"        listen 127.0.0.1:{port};")
                .Replace("http {", $"http {{\n    access_log off;\n    client_body_temp_path {folder}/body;\n    proxy_temp_path {folder}/proxy;\n" +
                    $"    fastcgi_temp_path {folder}/fastcgi;\n    uwsgi_temp_path {folder}/uwsgi;\n    scgi_temp_path {folder}/scgi;");
            Assert.Contains($"127.0.0.1:{ports[0]}", config); // the shipped file still has the lines replaced
            Assert.Contains($"listen 127.0.0.1:{port}", config);
            var file = Path.Combine(folder, "nginx.conf");
            await File.WriteAllTextAsync(file, config);
            var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-c", file, "-p", folder, "-e", Path.Combine(folder, "error.log"), "-g", $"daemon off; pid {folder}/nginx.pid; user root;" })
                start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!Listening(port))
            {
                if (process.HasExited || DateTime.UtcNow > until)
                    throw new InvalidOperationException("nginx did not start: " + await process.StandardError.ReadToEndAsync());
                await Task.Delay(50);
            }
            return new Nginx(process, folder, port);
        }

        static bool Listening(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
