namespace TalksBot.Limits;

/// <summary>
/// Events per key in the last minute (questions per Telegram user, sign-ins per address), for
/// per-minute limits; with replicas, counted once for all of them. Keys start with what they count
/// ("question:", "signin:"), since every limit shares one counter.
/// </summary>
public interface IRecentEvents
{
    /// <summary>Records an event for the key; returns how many it had in the last minute, this one included.</summary>
    Task<int> AddAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Takes back the key's latest event (one that turned out not to count).</summary>
    Task TakeBackAsync(string key, CancellationToken cancellationToken = default);
}
