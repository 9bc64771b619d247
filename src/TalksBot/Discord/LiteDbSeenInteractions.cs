using Microsoft.Extensions.Options;
using LiteDB;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Discord;

/// <summary>
/// Interaction ids seen within the window a signed request is accepted in (its timestamp at most
/// Discord:MaxClockSkewSeconds away, either side), in the process's LiteDB file: a replay of a signed
/// request gets no second answer, after a restart too. Older ids are dropped now and then; a replay of
/// one of those fails the timestamp check anyway.
/// </summary>
public sealed class LiteDbSeenInteractions(LiteDatabase db, LiteDbGroupCommit writes, IOptions<DiscordOptions> options, TimeProvider time) : ISeenInteractions
{
    sealed class Seen
    {
        public string Id { get; set; } = "";
        public DateTime At { get; set; }
    }

    readonly ILiteCollection<Seen> seen = db.GetCollection<Seen>("discord_seen");
    int added;

    public Task<bool> FirstTimeAsync(string id, CancellationToken cancellationToken = default) => writes.RunAsync(() =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (Interlocked.Increment(ref added) % 1000 == 0)
        {
            var before = now.AddSeconds(-2 * options.Value.MaxClockSkewSeconds);
            seen.DeleteMany(s => s.At < before);
        }
        if (seen.FindById(id) is not null) return false;
        seen.Insert(new Seen { Id = id, At = now });
        return true;
    });
}
