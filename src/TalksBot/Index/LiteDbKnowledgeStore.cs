using LiteDB;
using TalksBot.Search;
using TalksBot.Storage;
using Microsoft.Extensions.Options;

namespace TalksBot.Index;

/// <summary>
/// The knowledge base in one LiteDB file. One instance per process (LiteDB is thread-safe within a
/// process); a reindex is one transaction, so a failed or killed reindex leaves the last committed
/// index as it was. LiteDB is synchronous: the tasks returned are complete.
/// </summary>
public sealed class LiteDbKnowledgeStore : IKnowledgeStore
{
    readonly LiteDatabase db;
    readonly ILiteCollection<StoredSource> sources;
    readonly ILiteCollection<BsonDocument> chunks;
    readonly ILiteCollection<IndexRun> runs;
    readonly ILiteCollection<BsonDocument> meta;
    readonly ILiteCollection<BsonDocument> image;
    readonly LiteDbWriteLock writes;
    readonly string path;
    IReadOnlyList<StoredSource>? sourceList;

    public LiteDbKnowledgeStore(LiteDatabase db, LiteDbWriteLock writes, IOptions<IndexOptions> options)
    {
        this.db = db;
        this.writes = writes;
        path = Path.GetFullPath(options.Value.DatabasePath);
        sources = db.GetCollection<StoredSource>("sources");
        chunks = db.GetCollection("packed_chunks");
        runs = db.GetCollection<IndexRun>("runs");
        meta = db.GetCollection("meta");
        image = db.GetCollection("image");
        // Before packing, each chunk was a document of its own; the indexer's fingerprint changed with the format, so they are taken in again.
        if (db.CollectionExists("chunks"))
            using (writes.Enter()) db.DropCollection("chunks");
    }

    public string Location => path;

    /// <summary>The data file and its write-ahead log (name-log.db), which holds commits not yet checkpointed.</summary>
    public Task<long> SizeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(
        new[] { path, Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path) }.Where(File.Exists).Sum(f => new FileInfo(f).Length));

    public Task<string?> FingerprintAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(meta.FindById("fingerprint")?["value"].AsString);

    public Task<long> GenerationAsync(CancellationToken cancellationToken = default) => Task.FromResult(Generation());

    long Generation() => meta.FindById("generation")?["value"].AsInt64 ?? 0;

    public Task<IReadOnlyList<StoredSource>> SourcesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Sources());

    /// <summary>
    /// Kept between commits (this process is the file's only writer, and every commit clears it): a
    /// reindex and the load after it read the list once, not twice (10,000 sources take a tenth of a second).
    /// </summary>
    IReadOnlyList<StoredSource> Sources()
    {
        using (writes.Enter()) return sourceList ??= [.. sources.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Read under the write lock: this process is the file's only writer, so nothing changes while it reads.</summary>
    public Task<StoredIndex> ReadAsync(CancellationToken cancellationToken = default)
    {
        long generation;
        IReadOnlyList<StoredSource> stored;
        var unpacked = new List<(string Source, List<IndexedChunk> Chunks)>();
        List<BsonDocument> parts;
        var texts = new ByteArena();
        using (writes.Enter())
        {
            (generation, stored) = (Generation(), Sources());
            // One source at a time, so that what LiteDB read for it is garbage at once.
            foreach (var d in chunks.FindAll()) unpacked.Add((d["_id"].AsString, PackedChunks.Unpack(d["_id"].AsString, d["chunks"].AsBinary, texts)));
            parts = [.. image.FindAll()];
        }
        var postings = parts.Count == 0 ? null : Compressed.Unpack("The search image", [.. parts.OrderBy(p => p["_id"].AsInt32).SelectMany(p => p["bytes"].AsBinary)]);
        if (postings is null && unpacked.Count > 0) throw new InvalidDataException("The search image is missing.");
        // A source's chunks are packed in their order; their terms are in the image.
        return Task.FromResult(new StoredIndex(generation, stored,
            [.. unpacked.OrderBy(u => u.Source, StringComparer.Ordinal).SelectMany(u => u.Chunks).Select(c => new AnalysedChunk(c, []))], postings));
    }

    public Task<IReadOnlyList<IndexRun>> RunsAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IndexRun>>([.. runs.Query().OrderByDescending(r => r.Id).Limit(limit).ToEnumerable()]);

    public Task<long> CommitAsync(IndexChange change, CancellationToken cancellationToken = default)
    {
        // LiteDB binds a transaction to the calling thread: nothing in here may await.
        // The image is made as soon as the snapshot is built (while the chunks are packed and written), where the
        // change is sure to need it (a new fingerprint alone is found out inside).
        var postings = change.Upserts.Count > 0 || change.Removed.Count > 0 ? Image(change) : null;
        // Packing is all CPU and needs no lock: on every core, before the transaction.
        var packed = change.Upserts.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(u => PackedChunks.Pack([.. u.Chunks.Select(c => c.Indexed)])).ToArray();
        using (writes.Enter())
        {
            // A source's pack and its row are written and deleted together, here only: a source not stored has neither,
            // and both are inserted (an upsert tries an update first: a third of a first build's writing).
            var stored = Sources().Select(s => s.Id).ToHashSet();
            sourceList = null;
            db.BeginTrans();
            try
            {
                foreach (var removed in change.Removed)
                {
                    chunks.Delete(removed);
                    sources.Delete(removed);
                }
                for (var i = 0; i < change.Upserts.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var pack = new BsonDocument { ["_id"] = change.Upserts[i].Source.Id, ["chunks"] = packed[i] };
                    if (stored.Contains(change.Upserts[i].Source.Id))
                    {
                        chunks.Upsert(pack);
                        sources.Upsert(change.Upserts[i].Source);
                    }
                    else
                    {
                        chunks.Insert(pack);
                        sources.Insert(change.Upserts[i].Source);
                    }
                }
                foreach (var source in change.Restamped) sources.Update(source);
                cancellationToken.ThrowIfCancellationRequested();
                // A run that changed nothing leaves the generation as it was: no replica reloads for it.
                var changed = change.Upserts.Count > 0 || change.Removed.Count > 0 || meta.FindById("fingerprint")?["value"].AsString != change.Fingerprint;
                if (changed) WriteImage((postings ?? Image(change)).GetAwaiter().GetResult());
                var generation = Generation() + (changed ? 1 : 0);
                meta.Upsert(new BsonDocument { ["_id"] = "fingerprint", ["value"] = change.Fingerprint });
                meta.Upsert(new BsonDocument { ["_id"] = "generation", ["value"] = generation });
                runs.Insert(change.Run);
                db.Commit();
                return Task.FromResult(generation);
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }
    }

    /// <summary>
    /// The snapshot's postings, which hold the chunks' terms, written with the chunks in the same transaction;
    /// in parts, as a LiteDB document holds at most 16 MB.
    /// </summary>
    void WriteImage(byte[] packed)
    {
        const int PartBytes = 1 << 20;
        image.DeleteAll();
        for (var part = 0; part * PartBytes < packed.Length; part++)
            image.Insert(new BsonDocument { ["_id"] = part, ["bytes"] = packed.AsSpan(part * PartBytes, Math.Min(PartBytes, packed.Length - part * PartBytes)).ToArray() });
    }

    static Task<byte[]> Image(IndexChange change) => (change.Snapshot
        ?? throw new ArgumentException("The LiteDB store keeps the terms in the snapshot's image: a change comes with its snapshot.", nameof(change)))
        .ContinueWith(built => Compressed.Pack(built.GetAwaiter().GetResult().Image()), TaskScheduler.Default);

    /// <summary>Nothing to take: <see cref="DatabaseLock"/> keeps every other process off the file.</summary>
    public Task<IHeldLock?> LockReindexAsync(bool wait, CancellationToken cancellationToken = default) =>
        NothingHeld.Task;


    public Task RecordAsync(IndexRun run, CancellationToken cancellationToken = default)
    {
        using (writes.Enter()) runs.Insert(run);
        return Task.CompletedTask;
    }
}
