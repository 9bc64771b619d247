namespace TalksBot.Storage;

/// <summary>
/// The one lock every LiteDB write of the process takes. LiteDB 5.0.20 (and 5.0.21) corrupts its list
/// of free pages when transactions write to different collections at the same time
/// (litedb-org/LiteDB#2503, fixed after the last release): "empty page must be defined as empty type",
/// after which the file refuses every write until the process restarts. Writes one at a time cost
/// little here: LiteDB writes its log one transaction at a time anyway.
/// </summary>
public sealed class LiteDbWriteLock
{
    readonly Lock gate = new();

    public Lock.Scope Enter() => gate.EnterScope();
}
