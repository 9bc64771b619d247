using TalksBot.Index;
using LiteDB;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Observability;

namespace TalksBot.Storage;

/// <summary>
/// After a write fails (a full disk), LiteDB refuses every later call with that same error, even
/// once there is room again, until the file is opened by a new process. While storage keeps failing
/// this tries a small write every few seconds; once it still fails although the disk has room, it
/// stops `serve` with exit code <see cref="ExitCode"/>, so that the service manager starts it again
/// (systemd's Restart=on-failure, Docker's restart policy) and the kept updates are answered. While
/// the disk stays full, `serve` stays up: degraded, refusing what it cannot keep, admin and health on.
/// </summary>
public sealed partial class DatabaseWatchdog(LiteDatabase db, LiteDbWriteLock writes, Faults faults, IOptions<IndexOptions> options, IHostApplicationLifetime lifetime, ILogger<DatabaseWatchdog> logger) : BackgroundService
{
    /// <summary>EX_TEMPFAIL: a failure that a restart clears.</summary>
    public const int ExitCode = 75;

    /// <summary>Whether it stopped `serve` for a restart: `serve` then exits with <see cref="ExitCode"/>.</summary>
    public bool StoppedForRestart { get; private set; }
    const long RoomBytes = 4 * 1024 * 1024;
    static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await WaitAsync(timer, stoppingToken))
        {
            if (faults.Recent().Count == 0 || Writable()) continue;
            var room = FreeBytes();
            if (room is null or < RoomBytes) continue;
            LogRestart(logger, room.Value / 1048576);
            StoppedForRestart = true;
            lifetime.StopApplication();
            return;
        }
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    bool Writable()
    {
        try
        {
            using (writes.Enter()) db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "probe", ["at"] = DateTime.UtcNow });
            return true;
        }
        catch (Exception e) when (e is IOException or LiteException or ObjectDisposedException)
        {
            faults.Report("database", e);
            return false;
        }
    }

    long? FreeBytes()
    {
        try { return new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(options.Value.DatabasePath))!).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return null; }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database still refuses writes though the disk has room again ({FreeMb} MB): LiteDB recovers only in a new process, so serve stops now for the service manager to start it again; the updates it kept are answered then")]
    static partial void LogRestart(ILogger logger, long freeMb);
}
