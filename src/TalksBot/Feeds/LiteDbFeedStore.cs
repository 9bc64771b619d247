using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using TalksBot.Storage;

namespace TalksBot.Feeds;

/// <summary>
/// The feeds in the process's LiteDB file, each kept as its JSON (the shape PostgreSQL keeps too). One process
/// per file, so the polling lock only keeps this process's poller and a poll asked for by hand apart.
/// </summary>
public sealed class LiteDbFeedStore(LiteDatabase db, LiteDbGroupCommit writes) : IFeedStore
{
    sealed class StoredFeed
    {
        public string Id { get; set; } = "";
        public string Json { get; set; } = "";
    }

    readonly ILiteCollection<StoredFeed> feeds = db.GetCollection<StoredFeed>("feeds");
    readonly SemaphoreSlim polling = new(1, 1);

    public Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => (IReadOnlyList<FeedRecord>)feeds.FindAll().Select(f => JsonSerializer.Deserialize<FeedRecord>(f.Json)!).OrderBy(f => f.Url, StringComparer.Ordinal).ToList());

    public Task<bool> AddAsync(FeedRecord feed, CancellationToken cancellationToken = default) => writes.RunAsync(() =>
    {
        if (feeds.FindById(feed.Url) is not null) return false;
        feeds.Insert(new StoredFeed { Id = feed.Url, Json = JsonSerializer.Serialize(feed) });
        return true;
    });

    /// <summary>A feed removed while it was being polled stays removed.</summary>
    public Task SaveAsync(FeedRecord feed, CancellationToken cancellationToken = default) =>
        writes.RunAsync(() => feeds.Update(new StoredFeed { Id = feed.Url, Json = JsonSerializer.Serialize(feed) }));

    public Task<bool> RemoveAsync(string url, CancellationToken cancellationToken = default) => writes.RunAsync(() => feeds.Delete(url));

    public async Task<IHeldLock?> TryLockPollingAsync(CancellationToken cancellationToken = default) =>
        await polling.WaitAsync(0, cancellationToken) ? new Held(polling) : null;

    sealed class Held(SemaphoreSlim gate) : IHeldLock
    {
        int released;

        public Task<bool> StillHeldAsync(CancellationToken cancellationToken = default) => Task.FromResult(released == 0);

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
