using System.Diagnostics;
using TalksBot.Bench;

namespace TalksBot.Tests;

/// <summary>The real program in its own process, configured by environment variables, as a person runs it.</summary>
public static class TalksBotProcess
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(BotProcess.StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
