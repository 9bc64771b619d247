using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using TalksBot.Observability;

namespace TalksBot.Telegram;

/// <summary>
/// Updates to the handler once each, a chat's in order, whichever transport brought them: an update is
/// claimed in the store before it is answered and marked done after, so a redelivery, a restart or
/// another replica never answers it twice.
/// </summary>
public sealed partial class TelegramUpdates(TelegramUpdateHandler handler, ITelegramState state, Faults faults, ILogger<TelegramUpdates> logger)
{
    /// <summary>The chat an update belongs to, whose updates are answered in order.</summary>
    public static long ChatOf(Update update) => update.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? 0;

    /// <summary>
    /// Handles an update unless it was handled before. A failure is logged and ends here, never in the
    /// transport's loop; in a private chat the person is told, so nobody waits for an answer that will
    /// not come (in a group the message may not have been for the bot, so it stays silent there).
    /// </summary>
    /// <returns>False when the store could not record the claim: the update is not answered blind (perhaps twice), and must be tried again later.</returns>
    public async Task<bool> HandleOnceAsync(Update update, CancellationToken cancellationToken)
    {
        var claimed = await faults.ContainAsync<bool?>("telegram state", async () => await state.TryClaimAsync(update.Id, CancellationToken.None), null);
        if (claimed is null) return false;
        if (claimed == false) return true; // answered already, or being answered
        try
        {
            await handler.HandleAsync(update, cancellationToken);
            await MarkDoneAsync(update.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, update.Id, e);
            await handler.TellFailedAsync(update, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// One chat's updates, in order; stops at one the store could not claim, so the ones after it wait
    /// behind it. Returns the updates that are finished with (answered, or answered before).
    /// </summary>
    public async Task<List<int>> HandleInOrderAsync(IEnumerable<Update> chat, CancellationToken cancellationToken)
    {
        var finished = new List<int>();
        foreach (var update in chat.OrderBy(u => u.Id))
        {
            if (!await HandleOnceAsync(update, cancellationToken)) break;
            finished.Add(update.Id);
        }
        return finished;
    }

    // Answered; if the mark is lost, a restart may take the claim over and answer again.
    Task MarkDoneAsync(int updateId) => faults.ContainAsync("telegram state", () => state.MarkDoneAsync(updateId, CancellationToken.None));

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} could not be handled")]
    static partial void LogFailed(ILogger logger, int updateId, Exception exception);
}
