using System.Collections.Concurrent;
using TalksBot.Observability;

namespace TalksBot.Questions;

/// <summary>
/// Entries written in batches, at most <see cref="Delay"/> after they were added: one write per batch,
/// not one per entry. <see cref="FlushAsync"/> writes what is pending at once (before a read, at shutdown).
/// A failed write is reported and its batch dropped: these are records of answers, never the answers.
/// </summary>
public sealed class WriteBehind<T>(Func<List<T>, Task> write, Faults faults, string area)
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    readonly ConcurrentQueue<T> pending = new();
    readonly SemaphoreSlim writing = new(1, 1);
    int scheduled;

    public void Add(T entry)
    {
        pending.Enqueue(entry);
        if (Interlocked.Exchange(ref scheduled, 1) == 0)
            _ = Task.Delay(Delay).ContinueWith(_ => faults.ContainAsync(area, FlushAsync), TaskScheduler.Default).Unwrap();
    }

    public async Task FlushAsync()
    {
        await writing.WaitAsync();
        try
        {
            Volatile.Write(ref scheduled, 0);
            var batch = new List<T>();
            while (pending.TryDequeue(out var entry)) batch.Add(entry);
            if (batch.Count > 0) await write(batch);
        }
        finally
        {
            writing.Release();
        }
    }
}
