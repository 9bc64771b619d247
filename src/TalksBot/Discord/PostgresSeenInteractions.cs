using Microsoft.Extensions.Options;
using TalksBot.Storage;

namespace TalksBot.Discord;

/// <summary>
/// Interaction ids in PostgreSQL: the insert that finds the id there already is the replay. Ids older
/// than the window a signed request is accepted in are dropped now and then (their timestamp fails anyway).
/// </summary>
public sealed class PostgresSeenInteractions(PostgresDatabase database, IOptions<DiscordOptions> options) : ISeenInteractions
{
    int added;

    public async Task<bool> FirstTimeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Interlocked.Increment(ref added) % 1000 == 0)
            await connection.ExecuteAsync("DELETE FROM seen_interactions WHERE at < now() - make_interval(secs => $1)", cancellationToken,
                (double)(2 * options.Value.MaxClockSkewSeconds));
        return await connection.ExecuteAsync("INSERT INTO seen_interactions (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", cancellationToken, id) == 1;
    }
}
