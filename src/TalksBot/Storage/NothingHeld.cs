namespace TalksBot.Storage;

/// <summary>A lock there is no need to take: one process per LiteDB file already (<see cref="Storage.DatabaseLock"/>).</summary>
public sealed class NothingHeld : IHeldLock
{
    public static Task<IHeldLock?> Task { get; } = System.Threading.Tasks.Task.FromResult<IHeldLock?>(new NothingHeld());

    public Task<bool> StillHeldAsync(CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.FromResult(true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
