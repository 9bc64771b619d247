
namespace TalksBot.Index;

/// <summary>
/// Reindexes started from the console or by the seeds watcher: one at a time (a second request while one runs is told so,
/// it does not start another), with its progress for the page to show and its summary when done.
/// Questions keep being answered meanwhile from the previous snapshot.
/// </summary>
public sealed class ReindexRunner(KnowledgeBase knowledge)
{
    readonly Lock gate = new();
    Task<IndexRun>? running;

    public IndexProgress? Progress { get; private set; }
    public IndexRun? Last { get; private set; }
    public bool Running => running is { IsCompleted: false };

    /// <summary>Starts a reindex unless one is running; returns whether this call started it.</summary>
    /// <param name="allowRemovingAll">For a removal asked for by name: it may be the last source.</param>
    public bool Start(bool full, bool allowRemovingAll = false)
    {
        lock (gate)
        {
            if (Running) return false;
            Progress = new IndexProgress("starting", 0, 0);
            running = Task.Run(async () =>
            {
                var run = await knowledge.ReindexAsync(full, new Progress<IndexProgress>(p => Progress = p), allowRemovingAll);
                Last = run;
                return run;
            });
            return true;
        }
    }

    /// <summary>Waits for the running reindex, if any (uploads and removals wait for theirs).</summary>
    public Task<IndexRun>? Current => running;
}
