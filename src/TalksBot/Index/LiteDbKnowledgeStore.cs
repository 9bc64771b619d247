using LiteDB;
using Microsoft.Extensions.Options;

namespace TalksBot.Index;

/// <summary>
/// The knowledge base in one LiteDB file. One instance per process (LiteDB is thread-safe within a
/// process); a reindex is one transaction, so a failed or killed reindex leaves the last committed
/// index as it was.
/// </summary>
public sealed class LiteDbKnowledgeStore : IKnowledgeStore
{
    readonly LiteDatabase db;
    readonly ILiteCollection<StoredSource> sources;
    readonly ILiteCollection<StoredChunk> chunks;
    readonly ILiteCollection<IndexRun> runs;
    readonly ILiteCollection<BsonDocument> meta;
    readonly Lock writeLock = new();
    readonly string path;

    public LiteDbKnowledgeStore(LiteDatabase db, IOptions<IndexOptions> options)
    {
        this.db = db;
        path = Path.GetFullPath(options.Value.DatabasePath);
        sources = db.GetCollection<StoredSource>("sources");
        chunks = db.GetCollection<StoredChunk>("chunks");
        runs = db.GetCollection<IndexRun>("runs");
        meta = db.GetCollection("meta");
        chunks.EnsureIndex(c => c.Source);
    }

    public string Location => path;

    /// <summary>The data file and its write-ahead log (name-log.db), which holds commits not yet checkpointed.</summary>
    public long SizeBytes => new[] { path, Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path) }
        .Where(File.Exists).Sum(f => new FileInfo(f).Length);

    public string? Fingerprint => meta.FindById("fingerprint")?["value"].AsString;

    public IReadOnlyList<StoredSource> Sources() => [.. sources.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal)];

    public IEnumerable<StoredChunk> Chunks() => chunks.FindAll();

    public IReadOnlyList<IndexRun> Runs(int limit) => [.. runs.Query().OrderByDescending(r => r.Id).Limit(limit).ToEnumerable()];

    public void Commit(IndexChange change, CancellationToken cancellationToken)
    {
        // LiteDB binds a transaction to the calling thread: nothing in here may await.
        lock (writeLock)
        {
            db.BeginTrans();
            try
            {
                foreach (var removed in change.Removed)
                {
                    chunks.DeleteMany(c => c.Source == removed);
                    sources.Delete(removed);
                }
                foreach (var (source, sourceChunks) in change.Upserts)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    chunks.DeleteMany(c => c.Source == source.Id);
                    chunks.InsertBulk(sourceChunks.Select(StoredChunk.From));
                    sources.Upsert(source);
                }
                cancellationToken.ThrowIfCancellationRequested();
                meta.Upsert(new BsonDocument { ["_id"] = "fingerprint", ["value"] = change.Fingerprint });
                runs.Insert(change.Run);
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }
    }

    public void Record(IndexRun run)
    {
        lock (writeLock) runs.Insert(run);
    }
}
