using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TalksBot.Observability;

/// <summary>
/// Failures that are contained where they happen (a storage error in one update, one reindex, one
/// watcher event) instead of ending the process: each is counted in metrics, logged once a minute
/// per area at most (a full disk fails every write), and shown by /healthz as "degraded" for
/// <see cref="RecentMinutes"/> after the last one.
/// </summary>
public sealed partial class Faults(TalksBotMetrics metrics, TimeProvider time, ILogger<Faults> logger)
{
    public const int RecentMinutes = 5;
    readonly ConcurrentDictionary<string, DateTimeOffset> last = new();

    public void Report(string area, Exception e)
    {
        var now = time.GetUtcNow();
        metrics.Fault(area);
        var before = last.GetValueOrDefault(area);
        last[area] = now;
        if (now - before >= TimeSpan.FromMinutes(1)) LogFault(logger, area, e);
    }

    /// <summary>Runs <paramref name="work"/>; a failure of it is reported for <paramref name="area"/> and ends here, with <paramref name="fallback"/>.</summary>
    public T Contain<T>(string area, Func<T> work, T fallback)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(area, e);
            return fallback;
        }
    }

    /// <summary>Runs <paramref name="work"/>; a failure of it is reported for <paramref name="area"/> and ends here. Returns whether it succeeded.</summary>
    public bool Contain(string area, Action work) => Contain(area, () => { work(); return true; }, false);

    /// <summary>Awaits <paramref name="work"/>; a failure of it is reported for <paramref name="area"/> and ends here, with <paramref name="fallback"/>.</summary>
    public async Task<T> ContainAsync<T>(string area, Func<Task<T>> work, T fallback)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(area, e);
            return fallback;
        }
    }

    /// <summary>Awaits <paramref name="work"/>; a failure of it is reported for <paramref name="area"/> and ends here. Returns whether it succeeded.</summary>
    public Task<bool> ContainAsync(string area, Func<Task> work) => ContainAsync(area, async () => { await work(); return true; }, false);

    /// <summary>The areas that failed in the last <see cref="RecentMinutes"/> minutes, with when they last did.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Recent()
    {
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(RecentMinutes);
        return last.Where(f => f.Value >= since).ToDictionary(f => f.Key, f => f.Value);
    }

    // The exception itself, with its stack: once a minute per area is little, and the trace is what finds the cause.
    [LoggerMessage(Level = LogLevel.Error, Message = "{Area} failed; carrying on (further failures of {Area} this minute are counted, not logged)")]
    static partial void LogFault(ILogger logger, string area, Exception exception);
}
