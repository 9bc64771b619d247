namespace TalksBot.Discord;

/// <summary>
/// The /ask interactions Discord was told to wait for, until answered: in this process's memory, or in
/// PostgreSQL, where one a replica took and could not finish (it died) is answered by another.
/// </summary>
public interface IDiscordQueue
{
    Task EnqueueAsync(DiscordAsk ask, CancellationToken cancellationToken);

    /// <summary>The asks to answer, as they come, until <paramref name="stoppingToken"/>; those taken before it are still answered.</summary>
    IAsyncEnumerable<DiscordAsk> ReadAllAsync(CancellationToken stoppingToken);

    Task DoneAsync(DiscordAsk ask, CancellationToken cancellationToken);
}
