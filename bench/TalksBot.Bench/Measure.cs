using System.Diagnostics;

namespace TalksBot.Bench;

/// <summary>Timing and memory figures, taken the same way for every system measured.</summary>
public static class Measure
{
    /// <summary>
    /// Latency percentiles once warm, as a server runs after its first minute: <paramref name="warmup"/>
    /// (else <paramref name="queries"/> themselves) are run over and over until half a second passes in
    /// which nothing new is compiled. .NET compiles each method quickly first and optimised only once the
    /// compiling of new methods has paused: a few dozen runs, or a few seconds, leave much of the work in
    /// its first, several times slower, form (seen here: a tenth of the methods still compiled anew
    /// while a thousand questions were timed after three seconds of warming up).
    /// </summary>
    public static async Task<(double P50, double P99)> LatencyAsync(IReadOnlyList<string> queries, Func<string, Task> run, IReadOnlyList<string>? warmup = null)
    {
        warmup ??= queries;
        var warming = Stopwatch.StartNew();
        var (i, compiled) = (0, -1L);
        while (warming.Elapsed.TotalSeconds < MaxWarmupSeconds && compiled != (compiled = System.Runtime.JitInfo.GetCompiledMethodCount()))
            for (var round = Stopwatch.StartNew(); round.Elapsed.TotalSeconds < 0.5;) await run(warmup[i++ % warmup.Count]);
        var times = new List<double>(queries.Count);
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            await run(q);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (Percentile(times, 0.50), Percentile(times, 0.99));
    }

    const double MaxWarmupSeconds = 30;

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static async Task<double> SecondsAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Managed heap after a full collection, in MB: what a structure keeps alive.</summary>
    public static double HeapMb()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
    }

    public static double PeakRssMb() => Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

    public static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";
}
