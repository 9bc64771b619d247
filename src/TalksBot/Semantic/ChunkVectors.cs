using System.Runtime.CompilerServices;
using TalksBot.Search;

namespace TalksBot.Semantic;

/// <summary>
/// The offline dense signal: a passage scores the cosine of its sentence nearest the question. Taken
/// per snapshot from the sentence vectors, once every sentence of the snapshot has one: up to
/// <see cref="MaxInline"/> missing ones are embedded by the question that finds them missing; more
/// are left to `index` and to `serve`'s warmer, and search stays lexical until they are there.
/// </summary>
public sealed class ChunkVectors(SentenceVectors vectors)
{
    /// <summary>About ten seconds of embedding on two cores.</summary>
    public const int MaxInline = 1000;

    static readonly ConditionalWeakTable<SearchIndex, SentenceVector[][]> BySnapshot = [];

    // A snapshot found short of vectors is looked at again after a while, not on every question: looking reads all its sentences.
    static readonly ConditionalWeakTable<SearchIndex, StrongBox<long>> ShortUntil = [];
    static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(10);

    /// <summary>Each passage's score for the question (its vector, <see cref="SentenceVectors.Question"/>), or null while the snapshot's vectors are not at hand.</summary>
    public float[]? Scores(SearchIndex index, float[] asked)
    {
        if (!vectors.Enabled || index.Chunks.Count == 0) return null;
        if (!BySnapshot.TryGetValue(index, out var chunks))
        {
            if (ShortUntil.TryGetValue(index, out var until) && Environment.TickCount64 < until.Value) return null;
            var missing = vectors.Missing(index).Take(MaxInline + 1).ToList();
            if (missing.Count > MaxInline)
            {
                ShortUntil.AddOrUpdate(index, new StrongBox<long>(Environment.TickCount64 + (long)LookAgain.TotalMilliseconds));
                return null;
            }
            vectors.Ensure(missing);
            chunks = BySnapshot.GetValue(index, Build);
        }
        var scores = new float[chunks.Length];
        for (var doc = 0; doc < chunks.Length; doc++)
        {
            var best = 0f;
            foreach (var sentence in chunks[doc]) best = Math.Max(best, sentence.Cosine(asked));
            scores[doc] = best;
        }
        return scores;
    }

    SentenceVector[][] Build(SearchIndex index)
    {
        var chunks = new SentenceVector[index.Chunks.Count][];
        for (var doc = 0; doc < chunks.Length; doc++)
        {
            var sentences = new List<SentenceVector>();
            foreach (var text in index.Chunks[doc].Chunk.SentenceTexts())
                if (vectors.Sentence(text) is { } v) sentences.Add(v);
            chunks[doc] = [.. sentences];
        }
        return chunks;
    }
}
