using Microsoft.Extensions.Logging;
using TalksBot.Observability;
using TalksBot.Search;
using TalksBot.Storage;

namespace TalksBot.Index;

/// <summary>
/// Holds the current search snapshot and runs reindexes one at a time (one among all replicas, with the
/// store's reindex lock). The first use builds or loads the index, so a fresh checkout needs no setup
/// step. Queries take the snapshot once and keep it, so a reindex never shows them half of its change;
/// a commit made by another replica is taken in by <see cref="RefreshAsync"/>, whole.
/// </summary>
public sealed partial class KnowledgeBase(IKnowledgeStore store, Indexer indexer, TalksBotMetrics metrics, ILogger<KnowledgeBase> logger)
{
    sealed record Snapshot(SearchIndex Index, long Generation);

    readonly SemaphoreSlim gate = new(1, 1);
    volatile Snapshot? current;

    public IKnowledgeStore Store => store;

    public bool IsReindexing => gate.CurrentCount == 0;

    /// <summary>Why the last reindex kept the index as it was (no seeds folder, every source would go), until one succeeds: /healthz shows it.</summary>
    public string? Problem { get; private set; }

    /// <summary>The store's generation the snapshot in use was built from (-1 before there is one).</summary>
    public long Generation => current?.Generation ?? -1;

    /// <summary>The current snapshot, indexing the seeds first if this process has none yet.</summary>
    public Task<SearchIndex> GetAsync(CancellationToken cancellationToken = default) => GetAsync(null, cancellationToken);

    /// <param name="firstBuild">Told how a first build goes, when this call makes one.</param>
    public async Task<SearchIndex> GetAsync(IProgress<IndexProgress>? firstBuild, CancellationToken cancellationToken)
    {
        if (current is { } snapshot) return snapshot.Index;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is null) await ReindexLockedAsync(full: false, allowRemovingAll: false, firstBuild, first: true, cancellationToken);
            return current?.Index ?? SearchIndex.Empty;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Brings the index up to date with the seeds (everything again with <paramref name="full"/>).</summary>
    /// <param name="allowRemovingAll">Remove what is gone even when that is every source, or more than Seeds:MaxRemovedShare of them.</param>
    public async Task<IndexRun> ReindexAsync(bool full = false, IProgress<IndexProgress>? progress = null, bool allowRemovingAll = false, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var run = await ReindexLockedAsync(full, allowRemovingAll, progress, first: false, cancellationToken);
            metrics.Reindexed(run.Outcome);
            return run;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes in what another process committed: the whole snapshot of the store's newer generation, swapped in at once.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (current is not { } snapshot || await store.GenerationAsync(cancellationToken) == snapshot.Generation) return false;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var loaded = await LoadAsync(cancellationToken);
            if (loaded.Generation == current?.Generation) return false;
            current = loaded;
            LogRefreshed(logger, loaded.Generation);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <param name="first">This process has no snapshot yet: wait for another process's reindex rather than skip, then load.</param>
    async Task<IndexRun> ReindexLockedAsync(bool full, bool allowRemovingAll, IProgress<IndexProgress>? progress, bool first, CancellationToken cancellationToken)
    {
        IndexRun? run = null;
        Task<Snapshot>? loading = null;
        try
        {
            await using var held = await store.LockReindexAsync(wait: first, cancellationToken);
            if (held is null)
            {
                run = new IndexRun { Full = full, StartedAt = DateTime.UtcNow, Outcome = "skipped", Error = "Another replica is reindexing now; its index is taken in when it is done." };
                LogRunSkipped(logger);
                return run;
            }
            // With no snapshot yet, the store's is read while the seeds folder is: it is the index when nothing changed,
            // and the basis of a change otherwise (a full reindex takes every source in again, so needs none).
            loading = current is null && !full ? Task.Run(() => LoadAsync(cancellationToken), cancellationToken) : null;
            (run, var change) = await indexer.PrepareAsync(full, allowRemovingAll, progress, cancellationToken);
            Problem = change is null ? run.Error : null;
            if (change is null)
            {
                await store.RecordAsync(run, cancellationToken);
                LogRunFailed(logger, run.Error);
                current ??= await (loading ?? LoadAsync(cancellationToken));
                return run;
            }
            // Opening an index that is up to date is no index run: `status` would show each verb's start as the last one.
            if (first && loading is not null && change.Upserts.Count == 0 && change.Removed.Count == 0 && change.Restamped.Count == 0)
            {
                current = await loading;
                return run;
            }
            // The snapshot after the change is built while the store writes it, so that the store can keep its image with
            // the commit: from the one this process holds when the store has nothing newer, from nothing when the change
            // holds every source, else from what the store holds now.
            var basis = current is { } previous && previous.Generation == await store.GenerationAsync(cancellationToken) ? previous.Index
                : change.Upserts.Count == run.Sources ? SearchIndex.Empty
                : (await (loading ?? LoadAsync(cancellationToken))).Index;
            var next = Task.Run(() => Apply(basis, change), cancellationToken);
            var generation = await store.CommitAsync(change with { Snapshot = next }, cancellationToken);
            current = new Snapshot(await next, generation);
            LogRun(logger, run.Added, run.Changed, run.Removed, run.Unchanged, run.ElapsedMs);
            return run;
        }
        catch (OperationCanceledException)
        {
            LogRunCancelled(logger);
            current ??= await LoadAsync(CancellationToken.None);
            throw;
        }
        // Faults of the disk, the database or the embeddings endpoint fail the run, not the process;
        // a database that cannot be read at all is not a failed run but the end of it, named once by the caller
        // (so is a PostgreSQL server that cannot be reached before there is any snapshot to keep).
        catch (Exception e) when ((e is LiteDB.LiteException or IOException or HttpRequestException or System.ClientModel.ClientResultException or TimeoutException
            || e is Npgsql.NpgsqlException && current is not null) && e is not DatabaseUnusableException)
        {
            LogRunError(logger, e);
            run ??= new IndexRun { Full = full, StartedAt = DateTime.UtcNow };
            run.Outcome = "failed";
            run.Error = e.Message;
            current ??= await LoadAsync(CancellationToken.None);
            return run;
        }
    }

    /// <summary>The snapshot from the store; a store that cannot be read is named, with the way back (rebuild from seeds/).</summary>
    async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stored = await store.ReadAsync(cancellationToken);
            var sources = stored.Sources.ToDictionary(s => s.Id, s => s.ToInfo());
            return new Snapshot(stored.Image is { } image
                ? SearchIndex.FromImage([.. stored.Chunks.Select(c => c.Indexed)], sources, image)
                : new SearchIndex(stored.Chunks, sources), stored.Generation);
        }
        catch (Exception e) when (e is LiteDB.LiteException or ObjectDisposedException or ArgumentException or InvalidCastException or InvalidDataException)
        {
            throw DatabaseUnusableException.Damaged(store.Location, e);
        }
    }

    /// <summary>The previous snapshot with the changed and removed sources replaced: no reload from the store.</summary>
    static SearchIndex Apply(SearchIndex previous, IndexChange change)
    {
        if (change.Upserts.Count == 0 && change.Removed.Count == 0) return previous;
        var replaced = change.Upserts.Select(u => u.Source.Id).Concat(change.Removed).ToHashSet();
        var chunks = Enumerable.Range(0, previous.Chunks.Count).Where(doc => !replaced.Contains(previous.Chunks[doc].Chunk.Source)).Select(previous.Analysed)
            .Concat(change.Upserts.SelectMany(u => u.Chunks))
            .OrderBy(c => c.Indexed.Chunk.Source, StringComparer.Ordinal).ThenBy(c => c.Indexed.Chunk.Index)
            .ToList();
        var sources = previous.Sources.Where(s => !replaced.Contains(s.Key))
            .Concat(change.Upserts.Select(u => KeyValuePair.Create(u.Source.Id, u.Source.ToInfo())))
            .OrderBy(s => s.Key, StringComparer.Ordinal) // as the stores list them
            .ToDictionary();
        return new SearchIndex(chunks, sources);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index generation {Generation} taken in from the store")]
    static partial void LogRefreshed(ILogger logger, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index updated: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged in {ElapsedMs:0} ms")]
    static partial void LogRun(ILogger logger, int added, int changed, int removed, int unchanged, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex skipped: another replica is reindexing")]
    static partial void LogRunSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reindex failed: {Error}")]
    static partial void LogRunFailed(ILogger logger, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reindex cancelled; the previous index is kept")]
    static partial void LogRunCancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reindex failed; the previous index is kept")]
    static partial void LogRunError(ILogger logger, Exception exception);
}
