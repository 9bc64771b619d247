using System.Threading.Channels;

namespace TalksBot.Discord;

/// <summary>The queue in memory, bounded (the endpoint waits when it is full). On shutdown what was acknowledged is still answered.</summary>
public sealed class MemoryDiscordQueue : IDiscordQueue
{
    readonly Channel<DiscordAsk> channel = Channel.CreateBounded<DiscordAsk>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public Task EnqueueAsync(DiscordAsk ask, CancellationToken cancellationToken) => channel.Writer.WriteAsync(ask, cancellationToken).AsTask();

    public async IAsyncEnumerable<DiscordAsk> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stoppingToken)
    {
        await using var closeOnStop = stoppingToken.Register(() => channel.Writer.TryComplete());
        await foreach (var ask in channel.Reader.ReadAllAsync(CancellationToken.None)) yield return ask;
    }

    public Task DoneAsync(DiscordAsk ask, CancellationToken cancellationToken) => Task.CompletedTask;
}
