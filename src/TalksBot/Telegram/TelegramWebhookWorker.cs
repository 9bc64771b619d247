using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;

namespace TalksBot.Telegram;

/// <summary>Answers the updates the webhook queued, several chats at a time; a redelivered update is answered once.</summary>
public sealed class TelegramWebhookWorker(Channel<Update> queue, TelegramUpdateHandler handler) : BackgroundService
{
    const int Parallel = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        System.Threading.Tasks.Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = stoppingToken },
            async (update, cancellationToken) => await handler.HandleOnceAsync(update, cancellationToken));
}
