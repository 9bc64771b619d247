using TalksBot.Storage;

namespace TalksBot.Telegram;

/// <summary>
/// What the Telegram front end must remember across restarts, and share between replicas: the
/// updates the webhook acknowledged until they are handled, which update is being answered by whom
/// (so a redelivery is answered once, and one left by a process that died is taken over), and the
/// polling offset with the right to poll. Every call may fail when the store does; callers contain it.
/// </summary>
public interface ITelegramState
{
    /// <summary>
    /// Keeps an update the webhook received until it has been handled, before the webhook acknowledges
    /// it. A redelivery of one kept or answered already is not kept again.
    /// </summary>
    Task KeepAsync(int updateId, long chatId, string json, CancellationToken cancellationToken = default);

    /// <summary>Kept updates for this process to handle now, oldest first; a chat with an update another live process is answering is left to it, so each chat's order holds.</summary>
    /// <param name="except">Updates the caller has in hand already: not read again.</param>
    Task<List<(int Id, string Json)>> TakeAsync(int max, IReadOnlyCollection<int>? except = null, CancellationToken cancellationToken = default);

    /// <summary>Drops handled updates from the kept ones.</summary>
    Task ForgetAsync(IReadOnlyCollection<int> updateIds, CancellationToken cancellationToken = default);

    /// <summary>Tells the others this process is still at the updates it took, so they are not taken over.</summary>
    Task RenewAsync(CancellationToken cancellationToken = default);

    /// <summary>Claims an update before answering it; false when it was answered already, or is being answered.</summary>
    Task<bool> TryClaimAsync(int updateId, CancellationToken cancellationToken = default);

    Task MarkDoneAsync(int updateId, CancellationToken cancellationToken = default);

    Task<int> OffsetAsync(CancellationToken cancellationToken = default);

    Task SaveOffsetAsync(int offset, CancellationToken cancellationToken = default);

    /// <summary>The right to long-poll, held until disposed: Telegram allows one getUpdates at a time per bot. Null while another process holds it.</summary>
    Task<IHeldLock?> TryLeadPollingAsync(CancellationToken cancellationToken = default);
}
