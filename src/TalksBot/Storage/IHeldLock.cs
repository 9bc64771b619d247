namespace TalksBot.Storage;

/// <summary>A lock held until disposed (an advisory lock on its own connection, or nothing to hold for one process on a LiteDB file).</summary>
public interface IHeldLock : IAsyncDisposable
{
    /// <summary>
    /// Whether it is still held: a lock on a connection the server dropped (a restart, a network
    /// failure) has gone with it, and another process may hold it now.
    /// </summary>
    Task<bool> StillHeldAsync(CancellationToken cancellationToken = default);
}
