using LiteDB;
using TalksBot.Storage;

namespace TalksBot.Semantic;

/// <summary>The sentence vectors in the LiteDB file, one document a batch.</summary>
public sealed class LiteDbSentenceVectorStore(LiteDatabase db, LiteDbWriteLock writes) : ISentenceVectorStore
{
    readonly ILiteCollection<BsonDocument> batches = db.GetCollection("sentence_vectors", BsonAutoId.Int64);

    public (IReadOnlyList<byte[]> Batches, long Last) ReadAfter(long after)
    {
        var found = batches.Find(Query.GT("_id", after)).Select(d => (Id: d["_id"].AsInt64, Bytes: d["records"].AsBinary)).OrderBy(d => d.Id).ToList();
        return ([.. found.Select(d => d.Bytes)], found.Count > 0 ? found[^1].Id : after);
    }

    public void Append(byte[] batch)
    {
        using (writes.Enter()) batches.Insert(new BsonDocument { ["records"] = batch });
    }

    /// <summary>Nothing to take: <see cref="DatabaseLock"/> keeps every other process off the file.</summary>
    public Task<IHeldLock?> LockWarmingAsync(CancellationToken cancellationToken) => NothingHeld.Task;
}
