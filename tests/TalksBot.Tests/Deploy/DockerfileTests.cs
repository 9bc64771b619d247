using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace TalksBot.Tests.Deploy;

/// <summary>
/// No Docker engine runs here, so the Dockerfile's build commands are run as they stand (restore,
/// publish; its /app output sent to a temporary folder) and the published app is started as the
/// runtime stage starts it, answering /healthz and the HEALTHCHECK's `health` verb.
/// </summary>
public class DockerfileTests
{
    [Fact]
    public async Task TheBuildStageCommandsSucceedAndThePublishedAppServesHealth()
    {
        var root = TestKnowledgeBase.RepositoryRoot();
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(root, "Dockerfile"));
        var commands = Regex.Matches(dockerfile, @"^RUN (dotnet .+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, commands.Count);
        Assert.Matches("HEALTHCHECK .*\"health\"", dockerfile);
        Assert.Contains("USER app", dockerfile);

        using var kb = new TestKnowledgeBase(withSeeds: false);
        var output = Path.Combine(kb.Root, "app");
        foreach (var command in commands)
        {
            var (exit, log) = await RunAsync("dotnet", command["dotnet ".Length..].Replace(" /app", " " + output), root, []);
            Assert.True(exit == 0, $"`{command}` failed:\n{log}");
        }
        Assert.True(File.Exists(Path.Combine(output, "prompts", "answer.txt")));
        Assert.True(File.Exists(Path.Combine(output, "Admin", "admin.html")));

        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["TALKSBOT__SEEDS__PATH"] = TestKnowledgeBase.RepositorySeeds(), ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database,
            ["TALKSBOT__SERVE__URLS"] = $"http://127.0.0.1:{port}",
        };
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(output, "TalksBot.dll"));
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var serve = Process.Start(start)!;
        try
        {
            using var http = new HttpClient();
            var healthy = false;
            for (var i = 0; i < 120 && !healthy; i++)
            {
                try { healthy = (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode; }
                catch (HttpRequestException) { await Task.Delay(500); }
            }
            Assert.True(healthy, "the published app did not answer /healthz within a minute");
            var (exit, log) = await RunAsync("dotnet", $"{Path.Combine(output, "TalksBot.dll")} health", output, environment);
            Assert.True(exit == 0, log);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task TheServiceCanWriteItsSeedsInTheContainerAndUnderSystemd()
    {
        var root = TestKnowledgeBase.RepositoryRoot();
        // Docker: the seeds are copied owned by the user the bot runs as, into the folder it is told to read.
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(root, "Dockerfile"));
        var user = Regex.Match(dockerfile, @"^USER (\S+)$", RegexOptions.Multiline).Groups[1].Value;
        var copy = Regex.Match(dockerfile, @"^COPY --chown=(\S+):\S+ seeds/ (\S+)$", RegexOptions.Multiline);
        Assert.True(copy.Success, "the Dockerfile copies seeds/ without --chown");
        Assert.Equal(user, copy.Groups[1].Value);
        var seeds = Regex.Match(dockerfile, @"TALKSBOT__SEEDS__PATH=(\S+)").Groups[1].Value;
        Assert.Equal(copy.Groups[2].Value.TrimEnd('/'), seeds.TrimEnd('/'));

        // systemd: with ProtectSystem=strict only the state directory is writable; the seeds must be in it.
        var unit = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "talksbot.service"));
        Assert.Contains("ProtectSystem=strict", unit);
        var state = "/var/lib/" + Regex.Match(unit, @"^StateDirectory=(\S+)$", RegexOptions.Multiline).Groups[1].Value + "/";
        var unitSeeds = Regex.Match(unit, @"TALKSBOT__SEEDS__PATH=(\S+)").Groups[1].Value;
        Assert.StartsWith(state, unitSeeds);
        Assert.StartsWith(state, Regex.Match(unit, @"TALKSBOT__INDEX__DATABASEPATH=(\S+)").Groups[1].Value);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<(int Exit, string Log)> RunAsync(string file, string arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
