namespace TalksBot.Telegram;

/// <summary>Spaces events per key at least an interval apart: in this process, or across replicas in PostgreSQL.</summary>
public interface IPacer
{
    /// <summary>Waits for the key's next slot, reserving it.</summary>
    Task WaitAsync(long key, CancellationToken cancellationToken);

    /// <summary>The event finished now: the key's next slot is at least one interval from here.</summary>
    Task DoneAsync(long key, CancellationToken cancellationToken);
}

/// <summary>Makes the pacer for one of Telegram's limits (its name, and the interval between two sends).</summary>
public delegate IPacer PacerFactory(string name, TimeSpan interval);
