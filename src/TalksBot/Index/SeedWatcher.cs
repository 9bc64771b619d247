using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Ingest;

using TalksBot.Observability;

namespace TalksBot.Index;

/// <summary>
/// Reindexes when files in the seeds folder change, once they have been quiet for
/// Seeds:WatchDebounceMilliseconds (on by default in `serve`; Seeds:Watch = false turns it off).
/// </summary>
public sealed partial class SeedWatcher(IOptions<SeedsOptions> options, ReindexRunner runner, Faults faults, ILogger<SeedWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Path.GetFullPath(options.Value.Path);
        if (!options.Value.Watch || !Directory.Exists(folder)) return;
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler onChange = (_, e) => { if (Relevant(e.FullPath)) changed.Release(); };
        watcher.Created += onChange;
        watcher.Changed += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) => { if (Relevant(e.FullPath) || Relevant(e.OldFullPath)) changed.Release(); };
        watcher.EnableRaisingEvents = true;
        LogWatching(logger, folder);

        var quiet = TimeSpan.FromMilliseconds(options.Value.WatchDebounceMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await changed.WaitAsync(stoppingToken);
            while (await changed.WaitAsync(quiet, stoppingToken)) { } // wait for the folder to be quiet
            try
            {
                while (!runner.Start(full: false)) await runner.Current!;
                var run = await runner.Current!;
                LogReindexed(logger, run.Added, run.Changed, run.Removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                faults.Report("seeds watcher", e); // the previous index stays; the next change tries again
            }
        }
    }

    bool Relevant(string path) => SeedReader.IsSource(path) || Path.GetFileName(path) == options.Value.MetadataFile;

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for changes")]
    static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeds changed: reindexed, {Added} added, {Changed} changed, {Removed} removed")]
    static partial void LogReindexed(ILogger logger, int added, int changed, int removed);
}
