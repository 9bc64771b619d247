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
/// process for every host it runs, and on disk beside the database (<c>&lt;Index:DatabasePath&gt;.vectors</c>),
/// so that a rebuild or a restart embeds only sentences it has not seen. A vector depends on the text
/// alone, so the file is a cache: deleting it costs time, never answers. Off with <c>Search:Semantic=false</c>,
/// and off by itself, with one warning, where the model cannot run.
/// </summary>
public sealed partial class SentenceVectors(IOptions<SearchOptions> search, IOptions<AnswerOptions> answer, IOptions<IndexOptions> index, ILogger<SentenceVectors> logger)
{
    // Model and layout: a file written by another model or layout is started afresh.
    static readonly byte[] Header = "talksbot-vectors arctic-embed-xs sbyte384 v1\n"u8.ToArray();
    const int RecordBytes = 8 + 4 + SentenceVector.Dimensions;
    const int Batch = 32;
    const int TellFrom = 100;

    static readonly ConcurrentDictionary<ulong, SentenceVector> Known = new();
    static volatile bool broken;

    readonly Lock fileGate = new();
    bool loaded;

    public bool Enabled => search.Value.Semantic && !broken;

    /// <summary>Something reads the vectors (careful mode, or the offline dense search signal), so the index's sentences are worth embedding ahead.</summary>
    public bool Wanted => Enabled && (answer.Value.Gate || search.Value.OfflineDenseWeight > 0);

    string FilePath => index.Value.DatabasePath + ".vectors";

    /// <summary>The question's vector, or null when the signal is off.</summary>
    public float[]? Question(string text) => Enabled ? Guard(() => SentenceEncoder.Question(text)) : null;

    /// <summary>The sentence's vector, embedded now if it was never seen; null when the signal is off.</summary>
    public SentenceVector? Sentence(string text)
    {
        if (!Enabled) return null;
        Load();
        var key = Key(text);
        if (Known.TryGetValue(key, out var vector)) return vector;
        Embed([text]);
        return Known.TryGetValue(key, out vector) ? vector : null;
    }

    /// <summary>Is the sentence's vector at hand (computed before, here or in the file)?</summary>
    public bool Has(string text)
    {
        Load();
        return Known.ContainsKey(Key(text));
    }

    /// <summary>Embeds every sentence of the snapshot not embedded before; returns how many were new.</summary>
    /// <param name="batch">Sentences a model call: fewer keep a question's embedding from waiting long behind one (the model runs one call at a time).</param>
    public int Warm(SearchIndex snapshot, IProgress<IndexProgress>? progress = null, int batch = Batch, CancellationToken cancellationToken = default) =>
        Ensure(snapshot.Chunks.SelectMany(c => c.Chunk.SentenceTexts()), progress, batch, cancellationToken);

    /// <summary>Embeds those of the texts never seen, in batches (one model call for many); returns how many were new.</summary>
    public int Ensure(IEnumerable<string> texts, IProgress<IndexProgress>? progress = null, int batch = Batch, CancellationToken cancellationToken = default)
    {
        if (!Enabled) return 0;
        Load();
        var missing = texts.Where(t => !Known.ContainsKey(Key(t))).Distinct().ToList();
        // A warm-up says when it starts and ends, as it can take minutes; the few sentences a question embeds say nothing.
        var told = missing.Count >= TellFrom;
        if (told) LogWarming(logger, missing.Count);
        var done = 0;
        foreach (var some in missing.Chunk(batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Embed(some)) break;
            progress?.Report(new IndexProgress("embedding", done += some.Length, missing.Count));
        }
        if (told) LogWarmed(logger, missing.Count);
        return missing.Count;
    }

    bool Embed(string[] texts)
    {
        var vectors = Guard(() => SentenceEncoder.Sentences(texts));
        if (vectors is null) return false;
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
        Append(records);
        return true;
    }

    void Load()
    {
        if (loaded) return;
        lock (fileGate)
        {
            if (loaded) return;
            loaded = true;
            try
            {
                if (!File.Exists(FilePath)) return;
                var bytes = File.ReadAllBytes(FilePath);
                if (!bytes.AsSpan().StartsWith(Header)) { File.Delete(FilePath); return; }
                // A write cut short leaves part of a record at the end: the whole ones stand.
                for (var at = Header.Length; at + RecordBytes <= bytes.Length; at += RecordBytes)
                {
                    var values = MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(at + 12, SentenceVector.Dimensions)).ToArray();
                    Known.TryAdd(BitConverter.ToUInt64(bytes, at), new SentenceVector(values, BitConverter.ToSingle(bytes, at + 8)));
                }
            }
            catch (IOException e)
            {
                LogCacheFailed(logger, e, FilePath);
            }
        }
    }

    void Append(byte[] records)
    {
        lock (fileGate)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
                using var file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.Write);
                // A new file (or one shorter than its header) starts with the header; a record cut short is written over.
                if (file.Length < Header.Length)
                {
                    file.SetLength(0);
                    file.Write(Header);
                }
                else file.SetLength(file.Length - (file.Length - Header.Length) % RecordBytes);
                file.Seek(0, SeekOrigin.End);
                file.Write(records);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The vectors are still held in memory: a full disk costs the next process's time, not this one's answers.
                LogCacheFailed(logger, e, FilePath);
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sentence vectors file {Path} could not be read or written; vectors are kept in memory only")]
    static partial void LogCacheFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The offline semantic model could not run; answering without the semantic signal")]
    static partial void LogModelFailed(ILogger logger, Exception exception);
}
