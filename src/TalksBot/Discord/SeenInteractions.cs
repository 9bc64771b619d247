using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TalksBot.Discord;

/// <summary>
/// Interaction ids seen within the window a signed request is accepted in (its timestamp at most
/// Discord:MaxClockSkewSeconds away, either side): a replay of a signed request gets no second answer.
/// Older ids are forgotten now and then; a replay of one of those fails the timestamp check anyway.
/// </summary>
public sealed class SeenInteractions(IOptions<DiscordOptions> options, TimeProvider time) : ISeenInteractions
{
    readonly ConcurrentDictionary<string, DateTimeOffset> seen = new();
    int added;

    public Task<bool> FirstTimeAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(FirstTime(id));

    bool FirstTime(string id)
    {
        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(2 * options.Value.MaxClockSkewSeconds);
        if (Interlocked.Increment(ref added) % 1000 == 0)
            foreach (var (old, at) in seen)
                if (now - at > window) seen.TryRemove(KeyValuePair.Create(old, at));
        return seen.TryAdd(id, now);
    }
}
