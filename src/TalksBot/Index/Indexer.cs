using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>
/// Works out what a reindex must write: reads the seeds folder, skips sources whose content hash
/// and settings are unchanged, ingests new and changed ones (parse, chunk, analyse, embed), and
/// lists the sources whose files are gone. It writes nothing itself.
/// </summary>
public sealed class Indexer(
    ISeedLibrary library,
    IKnowledgeStore store,
    IOptions<IndexOptions> options,
    IOptions<SeedsOptions> seeds,
    TimeProvider time,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    const int EmbeddingBatch = 64;

    /// <summary>Everything besides a file's bytes that shapes its chunks; a change re-ingests every source.</summary>
    string Fingerprint(string metadataHash) =>
        $"store-v4|documents-v1|{TextAnalysis.Fingerprint}|chunks={options.Value.ChunkTargetChars}/{options.Value.ChunkOverlapSentences}" +
        $"|metadata={metadataHash}|embeddings={embeddings?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "none"}";

    /// <param name="allowRemovingAll">Go ahead even when the change would remove every source, or more than Seeds:MaxRemovedShare of them.</param>
    public async Task<(IndexRun Run, IndexChange? Change)> PrepareAsync(bool full, bool allowRemovingAll, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new IndexRun { StartedAt = time.GetUtcNow().UtcDateTime, Full = full };
        var stored = (await store.SourcesAsync(cancellationToken)).ToDictionary(s => s.Id);
        // Files that look as they did when indexed are not read again, unless everything is to be taken in again.
        var stamps = full ? null : stored.Values.ToDictionary(s => s.Id, s => new SeedStamp(s.Size, s.Modified, s.Hash));
        var (files, metadataProblem, unreadable, metadataHash, passedOver) = await library.ReadAsync(stamps, cancellationToken);
        if (files is null)
            return (Failed(run, $"The seeds folder {library.Location} does not exist (Seeds:Path). The index is left as it was."), null);
        if (metadataProblem is not null) run.Problems.Add(metadataProblem);
        foreach (var folder in unreadable) run.Problems.Add($"{folder} cannot be read; it is passed over, and what was indexed from it is kept.");
        run.Problems.AddRange(passedOver);

        var fingerprint = Fingerprint(metadataHash);
        var reuse = !full && await store.FingerprintAsync(cancellationToken) == fingerprint;
        // Settings changed since: every source is taken in again, so the files left unread are needed after all.
        if (!reuse && files.Exists(f => f.Unread)) files = (await library.ReadAsync(null, cancellationToken)).Files;
        if (files is null)
            return (Failed(run, $"The seeds folder {library.Location} does not exist (Seeds:Path). The index is left as it was."), null);
        var upserts = new List<(StoredSource, IReadOnlyList<AnalysedChunk>)>();
        var restamped = new List<StoredSource>();
        var terms = new TermPool();

        // The files to take in are parsed and analysed on every core; what is made of them is taken in file order.
        var toIngest = Enumerable.Range(0, files.Count)
            .Where(i => files[i].Usable && !(reuse && stored.GetValueOrDefault(files[i].Name)?.Hash == files[i].Hash))
            .ToList();
        var ingested = new (StoredSource Source, IReadOnlyList<AnalysedChunk> Chunks)?[files.Count];
        var read = 0;
        Parallel.ForEach(toIngest, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            ingested[i] = Ingest(files[i], terms);
            progress?.Report(new IndexProgress("reading", Interlocked.Increment(ref read), toIngest.Count, files[i].Name));
        });

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files[i];
            var known = stored.GetValueOrDefault(file.Name);
            if (!file.Usable)
            {
                run.Problems.Add($"{file.Name} {file.Problem}; " + (known is null ? "it is not indexed." : "its indexed version is kept."));
                continue;
            }
            if (ingested[i] is not var (source, chunks))
            {
                run.Unchanged++;
                // Read because its stamp was missing (written just before it was indexed) or is out of date (touched): stamped as it is now.
                if (!file.Unread && known is not null && (known.Size, known.Modified) != (file.Size, file.Modified) && SeedStamp.Settled(file.Modified))
                    restamped.Add(known.Stamped(file.Size, file.Modified));
                continue;
            }
            if (chunks.Count == 0)
            {
                run.Problems.Add($"{file.Name} has no article text once page furniture is removed; " + (known is null ? "it is not indexed." : "its indexed version is kept."));
                continue;
            }
            if (embeddings is not null) chunks = await EmbedAsync(chunks, cancellationToken);
            upserts.Add((source, chunks));
            // Taken in again with the same text (a full run, or new settings) is not a change of the source.
            if (known is null) run.Added++;
            else if (known.Hash == file.Hash) { run.Unchanged++; run.Reread++; }
            else run.Changed++;
        }
        progress?.Report(new IndexProgress("writing", files.Count, files.Count));

        // A source in a folder that cannot be read now is not gone: it is kept as it was.
        var present = files.Select(f => f.Name).Concat(stored.Keys.Where(id => unreadable.Exists(f => id.StartsWith(f, StringComparison.Ordinal)))).ToHashSet();
        var removed = stored.Keys.Where(id => !present.Contains(id)).ToList();
        run.Removed = removed.Count;
        if (files.Count > 0 && files.All(f => !f.Usable))
            return (Failed(run, $"None of the {files.Count} files in {library.Location} could be used. The index is left as it was."), null);
        if (!allowRemovingAll && removed.Count > 0 && (removed.Count == stored.Count || removed.Count > stored.Count * seeds.Value.MaxRemovedShare))
            return (Failed(run, $"This reindex would remove {removed.Count} of the {stored.Count} indexed sources, as {library.Location} " +
                (files.Count == 0 ? "holds no texts" : $"holds {files.Count} texts") + " (an unmounted volume or a folder moved away?). " +
                "The index is left as it was; if the folder is as meant, run `index --allow-removing-all`."), null);

        var replaced = upserts.Select(u => u.Item1.Id).ToHashSet();
        run.Sources = present.Count(id => stored.ContainsKey(id) || replaced.Contains(id));
        run.Chunks = stored.Values.Where(s => present.Contains(s.Id) && !replaced.Contains(s.Id)).Sum(s => s.Chunks)
            + upserts.Sum(u => u.Item2.Count);
        run.ElapsedMs = (time.GetUtcNow().UtcDateTime - run.StartedAt).TotalMilliseconds;
        return (run, new IndexChange(upserts, removed, fingerprint, run) { Restamped = restamped });
    }

    (StoredSource Source, IReadOnlyList<AnalysedChunk> Chunks) Ingest(SeedFile file, TermPool terms)
    {
        var article = ArticleParser.Parse(file.Text!);
        var info = file.Override?.ApplyTo(article.Info) ?? article.Info;
        var chunks = Chunker.Split(file.Name, article, options.Value.ChunkTargetChars, options.Value.ChunkOverlapSentences)
            .Select(c => new AnalysedChunk(new IndexedChunk(c, info.Language, null), TextAnalysis.Terms(c.Text, info.Language, terms)))
            .ToList();
        var source = new StoredSource
        {
            Id = file.Name, Title = info.Title, Language = info.Language, Outlet = info.Outlet, Author = info.Author,
            Date = info.Date, Url = info.Url, Hash = file.Hash, Chunks = chunks.Count, Sentences = article.Sentences.Count,
            RemovedLines = article.RemovedLines, IndexedAt = time.GetUtcNow().UtcDateTime,
            Size = SeedStamp.Settled(file.Modified) ? file.Size : 0, Modified = file.Modified,
        };
        return (source, chunks);
    }

    async Task<IReadOnlyList<AnalysedChunk>> EmbedAsync(IReadOnlyList<AnalysedChunk> chunks, CancellationToken cancellationToken)
    {
        var embedded = new List<AnalysedChunk>(chunks.Count);
        foreach (var batch in chunks.Chunk(EmbeddingBatch))
        {
            var vectors = await embeddings!.GenerateAsync(batch.Select(c => c.Indexed.Chunk.Text), cancellationToken: cancellationToken);
            embedded.AddRange(batch.Select((c, i) => c with { Indexed = c.Indexed with { Vector = vectors[i].Vector.ToArray() } }));
        }
        return embedded;
    }

    IndexRun Failed(IndexRun run, string error)
    {
        run.Outcome = "failed";
        run.Error = error;
        run.ElapsedMs = (time.GetUtcNow().UtcDateTime - run.StartedAt).TotalMilliseconds;
        return run;
    }
}
