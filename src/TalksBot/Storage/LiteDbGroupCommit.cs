using System.Threading.Channels;
using LiteDB;

namespace TalksBot.Storage;

/// <summary>
/// Small writes from many requests at once, committed together: one LiteDB transaction for every write
/// waiting instead of one each. A LiteDB commit costs about a millisecond and writes go one at a time
/// (<see cref="LiteDbWriteLock"/>), so a webhook that made four commits per update was held to a few
/// hundred updates a second. Each caller's task completes once its write is committed, as before. When
/// a batch fails, its writes are run again one transaction each, so that one bad write fails alone.
/// </summary>
public sealed class LiteDbGroupCommit : IDisposable
{
    const int MaxBatch = 256;

    sealed record Pending(Func<object?> Write, TaskCompletionSource<object?> Done);

    readonly LiteDatabase db;
    readonly LiteDbWriteLock writes;
    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    readonly Thread writer;

    public LiteDbGroupCommit(LiteDatabase db, LiteDbWriteLock writes)
    {
        this.db = db;
        this.writes = writes;
        // A thread of its own: LiteDB binds a transaction to the thread that began it.
        writer = new Thread(Run) { IsBackground = true, Name = "LiteDB group commit" };
        writer.Start();
    }

    /// <summary>Runs <paramref name="write"/> (LiteDB calls only: it may be run twice, the first time rolled back) and commits it.</summary>
    public async Task<T> RunAsync<T>(Func<T> write)
    {
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Pending(() => write(), done))) throw new ObjectDisposedException(nameof(LiteDbGroupCommit));
        return (T)(await done.Task)!;
    }

    public Task RunAsync(Action write) => RunAsync<bool>(() => { write(); return true; });

    void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending)) batch.Add(pending);
            using (writes.Enter())
                if (!TryTogether(batch))
                    foreach (var pending in batch) Alone(pending);
        }
    }

    bool TryTogether(List<Pending> batch)
    {
        if (batch.Count == 1) return false;
        var results = new object?[batch.Count];
        try
        {
            db.BeginTrans();
            for (var i = 0; i < batch.Count; i++) results[i] = batch[i].Write();
            db.Commit();
        }
        catch (Exception)
        {
            try { db.Rollback(); } catch (Exception) { } // each write's own error comes when it is run alone
            return false;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.SetResult(results[i]);
        return true;
    }

    /// <summary>Never throws: the writer thread must outlive any one write (and a database closed under it).</summary>
    void Alone(Pending pending)
    {
        try
        {
            db.BeginTrans();
            var result = pending.Write();
            db.Commit();
            pending.Done.SetResult(result);
        }
        catch (Exception e)
        {
            try { db.Rollback(); } catch (Exception) { } // the database may be past rolling back (a full disk): the write's own error is the one to report
            pending.Done.SetException(e);
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        writer.Join();
    }
}
