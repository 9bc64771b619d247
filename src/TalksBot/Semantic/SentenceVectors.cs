using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Answer;
using TalksBot.Index;
using TalksBot.Search;

namespace TalksBot.Semantic;

/// <summary>
/// Sentence vectors for the offline semantic signal, computed once per sentence text and kept: in this
/// process for every host it runs, and in the knowledge base's database (<see cref="ISentenceVectorStore"/>),
/// so that a rebuild, a restart or another replica embeds only sentences never seen. A vector depends on
/// the text alone, so the store is a cache: losing it costs time, never answers. Off with
/// <c>Search:Semantic=false</c>, and off by itself, with one warning, where the model cannot run.
/// </summary>
public sealed partial class SentenceVectors(ISentenceVectorStore store, IOptions<SearchOptions> search, IOptions<AnswerOptions> answer,
    IOptions<IndexOptions> index, ILogger<SentenceVectors> logger)
{
    // Model and layout, at the head of every stored batch (and of the file earlier versions wrote): a batch another
    // model or layout wrote is passed over, and its sentences embedded again.
    static readonly byte[] Layout = "talksbot-vectors arctic-embed-xs sbyte384 v1\n"u8.ToArray();
    const int RecordBytes = 8 + 4 + SentenceVector.Dimensions;
    const int Batch = 32;
    const int TellFrom = 100;
    /// <summary>Vectors a stored batch holds at most: a warm-up cut short loses at most these.</summary>
    const int StoredBatch = 512;

    static readonly ConcurrentDictionary<ulong, SentenceVector> Known = new();
    static volatile bool broken;

    static readonly TimeSpan RetryStoreAfter = TimeSpan.FromSeconds(30);

    readonly Lock storeGate = new();
    readonly List<byte[]> unsaved = [];
    bool loaded;
    long lastBatch;
    long retryAt;

    public bool Enabled => search.Value.Semantic && !broken;

    /// <summary>Something reads the vectors (careful mode, or the offline dense search signal), so the index's sentences are worth embedding ahead.</summary>
    public bool Wanted => Enabled && (answer.Value.Gate || search.Value.OfflineDenseWeight > 0);

    /// <summary>Where versions before the vectors moved into the database kept them: taken in once, then removed.</summary>
    string LegacyFile => index.Value.DatabasePath + ".vectors";

    /// <summary>The question's vector, or null when the signal is off.</summary>
    public float[]? Question(string text) => Enabled ? Guard(() => SentenceEncoder.Question(text)) : null;

    /// <summary>The sentence's vector, embedded now if it was never seen; null when the signal is off.</summary>
    public SentenceVector? Sentence(string text)
    {
        if (!Enabled) return null;
        var key = Key(text);
        if (Known.TryGetValue(key, out var vector)) return vector;
        Ensure([text]);
        return Known.TryGetValue(key, out vector) ? vector : null;
    }

    /// <summary>Is the sentence's vector at hand (computed before, here or in the store)?</summary>
    public bool Has(string text)
    {
        Load();
        return Known.ContainsKey(Key(text));
    }

    /// <summary>What the operator is told of the vectors (the console, `status`): off and why, or how much of the snapshot is embedded.</summary>
    public string State(SearchIndex snapshot)
    {
        if (!search.Value.Semantic) return "off (Search:Semantic=false)";
        if (broken) return "off: the model could not run (see the log)";
        if (!Wanted) return "not read (careful mode and the offline dense signal are off)";
        var sentences = Sentences(snapshot).Distinct().Count();
        return $"{sentences - Missing(snapshot).Count():N0} of {sentences:N0} sentences embedded";
    }

    /// <summary>The snapshot's sentences that have no vector yet, each once, as they are found.</summary>
    public IEnumerable<string> Missing(SearchIndex snapshot)
    {
        Load();
        return Sentences(snapshot).Where(t => !Known.ContainsKey(Key(t))).Distinct();
    }

    static IEnumerable<string> Sentences(SearchIndex snapshot) => snapshot.Chunks.SelectMany(c => c.Chunk.SentenceTexts());

    /// <summary>Embeds every sentence of the snapshot not embedded before; returns how many were new.</summary>
    /// <param name="batch">Sentences a model call: fewer keep a question's embedding from waiting long behind one (the model runs one call at a time).</param>
    public int Warm(SearchIndex snapshot, IProgress<IndexProgress>? progress = null, int batch = Batch, CancellationToken cancellationToken = default) =>
        Ensure(Sentences(snapshot), progress, batch, cancellationToken);

    /// <summary>
    /// <see cref="Warm"/> on a thread of its own, one process on the store at a time: replicas warming the same
    /// new snapshot embed it once, the others reading what the first stored.
    /// </summary>
    public async Task<int> WarmAsync(SearchIndex snapshot, IProgress<IndexProgress>? progress = null, int batch = Batch, CancellationToken cancellationToken = default)
    {
        if (!Enabled) return 0;
        await using var held = await store.LockWarmingAsync(cancellationToken);
        return await Task.Run(() => Warm(snapshot, progress, batch, cancellationToken), cancellationToken);
    }

    /// <summary>Embeds those of the texts never seen, in batches (one model call for many); returns how many were new.</summary>
    public int Ensure(IEnumerable<string> texts, IProgress<IndexProgress>? progress = null, int batch = Batch, CancellationToken cancellationToken = default)
    {
        if (!Enabled) return 0;
        Load();
        var missing = Unknown(texts);
        if (missing.Count == 0) return 0;
        // Another process on the store (a replica, the index verb) may have embedded them since.
        Pull();
        missing = Unknown(missing);
        // A warm-up says when it starts and ends, as it can take minutes; the few sentences a question embeds say nothing.
        var told = missing.Count >= TellFrom;
        if (told) LogWarming(logger, missing.Count);
        var (done, pending) = (0, new List<byte[]>());
        try
        {
            foreach (var some in missing.Chunk(batch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Embed(some) is not { } records) break;
                pending.Add(records);
                if (pending.Count * batch >= StoredBatch) Store(pending);
                progress?.Report(new IndexProgress("embedding", done += some.Length, missing.Count));
            }
        }
        finally
        {
            Store(pending);
        }
        if (told) LogWarmed(logger, missing.Count);
        return missing.Count;
    }

    static List<string> Unknown(IEnumerable<string> texts) => [.. texts.Where(t => !Known.ContainsKey(Key(t))).Distinct()];

    /// <summary>The texts' vectors, now known, as the records the store keeps; null when the model cannot run.</summary>
    byte[]? Embed(string[] texts)
    {
        var vectors = Guard(() => SentenceEncoder.Sentences(texts));
        if (vectors is null) return null;
        var records = new byte[texts.Length * RecordBytes];
        for (var i = 0; i < texts.Length; i++)
        {
            var key = Key(texts[i]);
            var vector = SentenceVector.From(vectors[i]);
            Known[key] = vector;
            var record = records.AsSpan(i * RecordBytes, RecordBytes);
            BitConverter.TryWriteBytes(record, key);
            BitConverter.TryWriteBytes(record[8..], vector.Scale);
            MemoryMarshal.AsBytes(vector.Values.AsSpan()).CopyTo(record[12..]);
        }
        return records;
    }

    /// <summary>Whole records; a part of one at the end (a file write cut short) is left out.</summary>
    static void Take(ReadOnlySpan<byte> records)
    {
        for (var at = 0; at + RecordBytes <= records.Length; at += RecordBytes)
        {
            var values = MemoryMarshal.Cast<byte, sbyte>(records.Slice(at + 12, SentenceVector.Dimensions)).ToArray();
            Known.TryAdd(BitConverter.ToUInt64(records[at..]), new SentenceVector(values, BitConverter.ToSingle(records[(at + 8)..])));
        }
    }

    void Load()
    {
        if (loaded) return;
        lock (storeGate)
        {
            if (loaded) return;
            loaded = true;
            Pull();
            TakeLegacyFile();
        }
    }

    /// <summary>Takes in the batches written to the store since the last read.</summary>
    void Pull()
    {
        lock (storeGate)
        {
            if (BackingOff) return;
            try
            {
                var (batches, last) = store.ReadAfter(lastBatch);
                foreach (var batch in batches.Where(b => b.AsSpan().StartsWith(Layout))) Take(batch.AsSpan(Layout.Length));
                lastBatch = last;
                retryAt = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e);
            }
        }
    }

    /// <summary>Writes the records, with any a failing store refused before; while it fails, they wait in memory.</summary>
    void Store(List<byte[]> pending)
    {
        if (pending.Count == 0) return;
        lock (storeGate)
        {
            unsaved.AddRange(pending);
            pending.Clear();
            if (BackingOff) return;
            try
            {
                store.Append([.. Layout, .. unsaved.SelectMany(p => p)]);
                unsaved.Clear();
                retryAt = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e);
            }
        }
    }

    // A store that fails (a database down, a full disk) is left alone for a while: a question that meets a sentence
    // without a vector then waits for no connection attempt, and the log has one warning an outage, not one a question.
    bool BackingOff => Environment.TickCount64 < retryAt;

    void Failed(Exception e)
    {
        if (retryAt == 0) LogStoreFailed(logger, e);
        retryAt = Environment.TickCount64 + (long)RetryStoreAfter.TotalMilliseconds;
    }

    void TakeLegacyFile()
    {
        try
        {
            if (!File.Exists(LegacyFile)) return;
            var bytes = File.ReadAllBytes(LegacyFile);
            if (bytes.AsSpan().StartsWith(Layout))
            {
                var records = bytes.AsSpan(Layout.Length);
                var whole = records[..(records.Length - records.Length % RecordBytes)].ToArray();
                Take(whole);
                for (var at = 0; at < whole.Length; at += StoredBatch * RecordBytes)
                    store.Append([.. Layout, .. whole[at..Math.Min(whole.Length, at + StoredBatch * RecordBytes)]]);
            }
            File.Delete(LegacyFile);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreFailed(logger, e);
        }
    }

    T? Guard<T>(Func<T> encode) where T : class
    {
        try
        {
            return encode();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!broken) LogModelFailed(logger, e);
            broken = true;
            return null;
        }
    }

    static ulong Key(string text) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding {Count} sentences for the semantic signal (about 50 to 150 a second)")]
    static partial void LogWarming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} new sentences for the semantic signal")]
    static partial void LogWarmed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored sentence vectors could not be read or written; vectors are kept in memory only")]
    static partial void LogStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The offline semantic model could not run; answering without the semantic signal")]
    static partial void LogModelFailed(ILogger logger, Exception exception);
}
