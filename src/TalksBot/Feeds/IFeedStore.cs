using TalksBot.Storage;

namespace TalksBot.Feeds;

/// <summary>The followed feeds: in the LiteDB file for one process, in PostgreSQL for replicas.</summary>
public interface IFeedStore
{
    Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when the feed is followed already.</summary>
    Task<bool> AddAsync(FeedRecord feed, CancellationToken cancellationToken = default);

    Task SaveAsync(FeedRecord feed, CancellationToken cancellationToken = default);

    /// <summary>False when there was no such feed.</summary>
    Task<bool> RemoveAsync(string url, CancellationToken cancellationToken = default);

    /// <summary>The right to poll, held until disposed: with replicas, one polls at a time; null when another does.</summary>
    Task<IHeldLock?> TryLockPollingAsync(CancellationToken cancellationToken = default);
}
