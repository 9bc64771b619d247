using System.Text.Json;
using TalksBot.Storage;

namespace TalksBot.Feeds;

/// <summary>
/// The feeds in PostgreSQL, shared by the replicas. Polling is one replica's at a time: it holds a session
/// advisory lock while it polls, which the server lets go if that replica dies, and a feed's next poll is
/// due by the time the shared record says it was last polled, so the replica that takes over does not poll
/// it again early.
/// </summary>
public sealed class PostgresFeedStore(PostgresDatabase database) : IFeedStore
{
    public async Task<IReadOnlyList<FeedRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT record::text FROM feeds ORDER BY url");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var feeds = new List<FeedRecord>();
        while (await reader.ReadAsync(cancellationToken)) feeds.Add(JsonSerializer.Deserialize<FeedRecord>(reader.GetString(0))!);
        return feeds;
    }

    public async Task<bool> AddAsync(FeedRecord feed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("INSERT INTO feeds (url, record) VALUES ($1, $2::jsonb) ON CONFLICT (url) DO NOTHING",
            cancellationToken, feed.Url, JsonSerializer.Serialize(feed)) == 1;
    }

    public async Task SaveAsync(FeedRecord feed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE feeds SET record = $2::jsonb WHERE url = $1", cancellationToken, feed.Url, JsonSerializer.Serialize(feed));
    }

    public async Task<bool> RemoveAsync(string url, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM feeds WHERE url = $1", cancellationToken, url) == 1;
    }

    public Task<IHeldLock?> TryLockPollingAsync(CancellationToken cancellationToken = default) =>
        database.LockAsync(PostgresDatabase.FeedsLock, wait: false, cancellationToken);
}
