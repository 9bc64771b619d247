using System.Diagnostics;

namespace TalksBot.Bench;

/// <summary>Timing and memory figures, taken the same way for every system measured.</summary>
public static class Measure
{
    public static async Task<(double P50, double P99)> LatencyAsync(IReadOnlyList<string> queries, Func<string, Task> run, int warmup = 50)
    {
        for (var i = 0; i < warmup; i++) await run(queries[i % queries.Count]);
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
