namespace TalksBot.Limits;

/// <summary>
/// Questions per person per minute, for every front end and across replicas: past the limit a person is
/// asked once to slow down, then passed over until the minute is over (each question may be a model's call).
/// </summary>
public sealed class FloodGuard(IRecentEvents events)
{
    public enum Verdict { Answer, SlowDown, Ignore }

    /// <param name="who">The person as the front end names them ("telegram:42", "discord:42").</param>
    /// <param name="limit">Questions a minute; 0 or less: no limit.</param>
    public async Task<Verdict> CheckAsync(string who, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return Verdict.Answer;
        var count = await events.AddAsync($"question:{who}", cancellationToken);
        return count <= limit ? Verdict.Answer : count == limit + 1 ? Verdict.SlowDown : Verdict.Ignore;
    }
}
