using System.Diagnostics;
using TalksBot.Bench;

namespace TalksBot.Tests;

/// <summary>The real program in its own process, configured by environment variables, as a person runs it.</summary>
public static class TalksBotProcess
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsAsync(null, workingDirectory, environment, args);

    /// <param name="uid">Run as this user and group id instead (setpriv, so the environment stays as given); the tests' user must be root.</param>
    public static async Task<(int Exit, string Out, string Err)> RunAsAsync(int? uid, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = BotProcess.StartInfo(workingDirectory, environment, args);
        if (uid is not null)
        {
            // The build output may sit in a folder only root can enter (a clone in a mode-700 folder): the user runs
            // a copy of it beside its working folder, linked where the file system allows.
            var program = Path.Combine(workingDirectory, "program");
            if (!Directory.Exists(program))
            {
                using var copy = Process.Start("sh", ["-c", "cp -al \"$0\" \"$1\" 2>/dev/null || cp -a \"$0\" \"$1\"", AppContext.BaseDirectory.TrimEnd('/'), program])!;
                await copy.WaitForExitAsync();
            }
            start.ArgumentList[0] = Path.Combine(program, "TalksBot.dll");
            start.Environment["DOTNET_CLI_HOME"] = workingDirectory;
            string[] command = [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", start.FileName, .. start.ArgumentList];
            start.FileName = "setpriv";
            start.ArgumentList.Clear();
            foreach (var a in command) start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
