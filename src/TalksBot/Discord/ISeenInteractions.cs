namespace TalksBot.Discord;

/// <summary>Interaction ids already taken, so a replayed signed request gets no second answer, whichever replica it reaches.</summary>
public interface ISeenInteractions
{
    /// <summary>True the first time an id is seen, false for a replay.</summary>
    Task<bool> FirstTimeAsync(string id, CancellationToken cancellationToken = default);
}
