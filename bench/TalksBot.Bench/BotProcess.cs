using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace TalksBot.Bench;

/// <summary>
/// `dotnet TalksBot.dll serve` in its own process, configured by environment variables: its log
/// lines counted by level, its resident memory read from /proc, stopped with SIGTERM as a service
/// manager stops it.
/// </summary>
public sealed partial class BotProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment)
{
    Process? process;
    readonly ConcurrentQueue<string> lines = new();
    readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    string level = "";

    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentQueue<string> WarningTexts { get; } = new();
    public double PeakRssMb { get; private set; }

    const int SigTerm = 15;

    // A fresh machine may lack /bin/kill (procps); libc's kill is always there.
    [DllImport("libc", EntryPoint = "kill")]
    static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Listening on (http://[^;,\s]+)")]
    private static partial Regex ListeningOn();

    /// <summary>The program beside this one (TalksBot.dll in the same folder), with these arguments and variables, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TalksBot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>Starts `serve` and returns its URL once it listens (after the index is built).</summary>
    public async Task<string> StartAsync()
    {
        process = Process.Start(StartInfo(workingDirectory, environment, "serve"))!;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (started != listening.Task) throw new InvalidOperationException("serve did not start:\n" + string.Join("\n", lines.TakeLast(30)));
        return await listening.Task;
    }

    [GeneratedRegex(@"^(?:\S+ )?(trce|dbug|info|warn|fail|crit): \S+\[-?\d+\] ?(.*)$")]
    private static partial Regex LogEntry();

    // One line an entry ("2026-… warn: Category[id] message"), exception details indented below it.
    void Read(string? line)
    {
        if (line is null) return;
        lines.Enqueue(line);
        var entry = LogEntry().Match(line);
        if (entry.Success) level = entry.Groups[1].Value;
        var text = entry.Success ? entry.Groups[2].Value : line.Trim();
        if (text.Length > 0 && level is ("fail" or "crit")) Errors.Enqueue(text);
        else if (entry.Success && level == "warn") WarningTexts.Enqueue(text);
        if (ListeningOn().Match(line) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
    }

    /// <summary>How many log lines contain <paramref name="text"/>.</summary>
    public int Lines(string text) => lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Resident memory now, from /proc (Linux); also keeps the peak.</summary>
    public double RssMb()
    {
        var status = File.ReadAllLines($"/proc/{process!.Id}/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        PeakRssMb = Kb("VmHWM:");
        return Kb("VmRSS:");
    }

    /// <summary>
    /// The live managed heap, measured after a full collection by dotnet-gcdump when it is installed
    /// (dotnet tool install -g dotnet-gcdump); null without it. The runtime's own "heap after the
    /// last collection" is no measure of a leak under server GC, which collects gen 2 rarely.
    /// </summary>
    public async Task<double?> LiveHeapMbAsync()
    {
        var tool = new[] { Environment.GetEnvironmentVariable("PATH") ?? "", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
            .SelectMany(p => p.Split(Path.PathSeparator)).Select(d => Path.Combine(d, "dotnet-gcdump")).FirstOrDefault(File.Exists);
        if (tool is null) return null;
        var file = Path.Combine(workingDirectory, $"heap-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunAsync(tool, "collect", "-p", process!.Id.ToString(), "-o", file);
            var report = await RunAsync(tool, "report", file);
            return Regex.Match(report, @"([\d,]+)\s+GC Heap bytes") is { Success: true } m ? double.Parse(m.Groups[1].Value.Replace(",", "")) / 1048576.0 : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    static async Task<string> RunAsync(string file, params string[] args)
    {
        using var run = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = run.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.WaitForExitAsync(timeout.Token);
        return await output;
    }

    /// <summary>SIGTERM, then waits for the exit: its code and how long the drain took.</summary>
    public async Task<(int Exit, double Seconds)> StopAsync()
    {
        RssMb();
        var watch = Stopwatch.StartNew();
        if (Kill(process!.Id, SigTerm) != 0) throw new InvalidOperationException("SIGTERM could not be sent");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Waits for it to stop by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process!.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    public void Kill()
    {
        if (process is { HasExited: false }) process.Kill();
        process?.Dispose();
    }
}
