using Microsoft.Extensions.Logging;
using TalksBot.Observability;
using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>
/// Holds the current search snapshot and runs reindexes one at a time. The first use builds or
/// loads the index, so a fresh checkout needs no setup step. Queries take the snapshot once and
/// keep it, so a reindex never shows them half of its change.
/// </summary>
public sealed partial class KnowledgeBase(IKnowledgeStore store, Indexer indexer, TalksBotMetrics metrics, ILogger<KnowledgeBase> logger)
{
    readonly SemaphoreSlim gate = new(1, 1);
    volatile SearchIndex? current;

    public IKnowledgeStore Store => store;

    public bool IsReindexing => gate.CurrentCount == 0;

    /// <summary>The current snapshot, indexing the seeds first if this process has none yet.</summary>
    public async Task<SearchIndex> GetAsync(CancellationToken cancellationToken = default)
    {
        if (current is { } index) return index;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is null) await ReindexLockedAsync(full: false, progress: null, cancellationToken);
            return current ?? SearchIndex.Empty;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Brings the index up to date with the seeds folder (everything again with <paramref name="full"/>).</summary>
    public async Task<IndexRun> ReindexAsync(bool full = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var run = await ReindexLockedAsync(full, progress, cancellationToken);
            metrics.Reindexed(run.Outcome);
            return run;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<IndexRun> ReindexLockedAsync(bool full, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        IndexRun? run = null;
        try
        {
            (run, var change) = await indexer.PrepareAsync(full, progress, cancellationToken);
            if (change is null)
            {
                store.Record(run);
                LogRunFailed(logger, run.Error);
                current ??= Load();
                return run;
            }
            store.Commit(change, cancellationToken);
            current = current is null ? Load() : Apply(current, change);
            LogRun(logger, run.Added, run.Changed, run.Removed, run.Unchanged, run.ElapsedMs);
            return run;
        }
        catch (OperationCanceledException)
        {
            LogRunCancelled(logger);
            current ??= Load();
            throw;
        }
        // Faults of the disk, the database or the embeddings endpoint fail the run, not the process;
        // a database that cannot be read at all is not a failed run but the end of it, named once by the caller.
        catch (Exception e) when (e is LiteDB.LiteException or IOException or HttpRequestException or System.ClientModel.ClientResultException or TimeoutException or InvalidOperationException
            && e is not DatabaseUnusableException)
        {
            LogRunError(logger, e);
            run ??= new IndexRun { Full = full, StartedAt = DateTime.UtcNow };
            run.Outcome = "failed";
            run.Error = e.Message;
            current ??= Load();
            return run;
        }
    }

    /// <summary>The snapshot from the store; a store that cannot be read is named, with the way back (rebuild from seeds/).</summary>
    SearchIndex Load()
    {
        try
        {
            var terms = new TermPool();
            var chunks = store.Chunks().Select(c => c.ToIndexed(terms))
                .OrderBy(c => c.Chunk.Source, StringComparer.Ordinal).ThenBy(c => c.Chunk.Index)
                .ToList();
            return new SearchIndex(chunks, store.Sources().ToDictionary(s => s.Id, s => s.ToInfo()));
        }
        catch (Exception e) when (e is LiteDB.LiteException or ObjectDisposedException or ArgumentException or InvalidCastException)
        {
            throw DatabaseUnusableException.Damaged(store.Location, e);
        }
    }

    /// <summary>The previous snapshot with the changed and removed sources replaced: no reload from disk.</summary>
    SearchIndex Apply(SearchIndex previous, IndexChange change)
    {
        if (change.Upserts.Count == 0 && change.Removed.Count == 0) return previous;
        var replaced = change.Upserts.Select(u => u.Source.Id).Concat(change.Removed).ToHashSet();
        var chunks = previous.Chunks.Where(c => !replaced.Contains(c.Chunk.Source))
            .Concat(change.Upserts.SelectMany(u => u.Chunks))
            .OrderBy(c => c.Chunk.Source, StringComparer.Ordinal).ThenBy(c => c.Chunk.Index)
            .ToList();
        return new SearchIndex(chunks, store.Sources().ToDictionary(s => s.Id, s => s.ToInfo()));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index updated: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged in {ElapsedMs:0} ms")]
    static partial void LogRun(ILogger logger, int added, int changed, int removed, int unchanged, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reindex failed: {Error}")]
    static partial void LogRunFailed(ILogger logger, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reindex cancelled; the previous index is kept")]
    static partial void LogRunCancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reindex failed; the previous index is kept")]
    static partial void LogRunError(ILogger logger, Exception exception);
}
