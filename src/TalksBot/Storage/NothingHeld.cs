namespace TalksBot.Storage;

/// <summary>A lock there is no need to take: one process per LiteDB file already (<see cref="Index.DatabaseLock"/>).</summary>
public sealed class NothingHeld : IAsyncDisposable
{
    public static Task<IAsyncDisposable?> Task { get; } = System.Threading.Tasks.Task.FromResult<IAsyncDisposable?>(new NothingHeld());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
