using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>
/// Answers the updates the webhook queued, several chats at a time. On shutdown the queue is closed
/// (later deliveries get 503, and Telegram retries them) and what was already acknowledged is still
/// answered, within the host's shutdown time.
/// </summary>
public sealed class TelegramWebhookWorker(Channel<Update> queue, TelegramUpdateHandler handler) : BackgroundService
{
    const int Parallel = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var closeOnStop = stoppingToken.Register(() => queue.Writer.TryComplete());
        await System.Threading.Tasks.Parallel.ForEachAsync(queue.Reader.ReadAllAsync(), new ParallelOptions { MaxDegreeOfParallelism = Parallel },
            async (update, cancellationToken) => await handler.HandleOnceAsync(update, cancellationToken));
    }
}
