using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TalksBot.Tests.Deploy;

/// <summary>
/// deploy/docker-compose.yml as compose reads it (`config` needs no engine; .ci/run installs Debian's
/// docker-compose): the single bot with nothing but its token, the replica profile, and no two
/// services on one host port.
/// </summary>
public partial class ComposeTests
{
    [GeneratedRegex(@"published: ""?(\d+)")]
    private static partial Regex Published();

    static async Task<(int Exit, string Output)> ComposeAsync(string folder, params string[] args)
    {
        // Compose v2 is a docker plugin, v1 a program of its own; either reads the file the same way.
        var v1 = File.Exists("/usr/bin/docker-compose") || File.Exists("/usr/local/bin/docker-compose");
        var start = new ProcessStartInfo(v1 ? "docker-compose" : "docker") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (!v1) start.ArgumentList.Add("compose");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + error);
    }

    [Theory]
    [InlineData()]
    [InlineData("--profile", "postgres")]
    public async Task TheFileReadsWithOnlyTheBotsTokenAndNoPortIsPublishedTwice(params string[] profile)
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var deploy = Directory.CreateDirectory(Path.Combine(kb.Root, "deploy")).FullName;
        foreach (var file in new[] { "docker-compose.yml", "nginx.conf" })
            File.Copy(Path.Combine(TestKnowledgeBase.RepositoryRoot(), "deploy", file), Path.Combine(deploy, file));
        await File.WriteAllTextAsync(Path.Combine(deploy, "talksbot.env"), "TALKSBOT__TELEGRAM__TOKEN=123456789:AAH-abcdefghijklmnopqrstuvwxyz0123456\n");

        var (exit, output) = await ComposeAsync(deploy, ["-f", "docker-compose.yml", "--env-file", "talksbot.env", .. profile, "config"]);

        Assert.True(exit == 0, output);
        var ports = Published().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("8080", ports);
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
