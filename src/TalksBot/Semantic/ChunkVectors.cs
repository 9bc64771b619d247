using System.Runtime.CompilerServices;
using TalksBot.Search;

namespace TalksBot.Semantic;

/// <summary>
/// The offline dense signal: a passage scores the cosine of its sentence nearest the question. Taken
/// per snapshot from the sentence vectors, once every sentence of the snapshot has one.
/// </summary>
public sealed class ChunkVectors(SentenceVectors vectors)
{
    static readonly ConditionalWeakTable<SearchIndex, SentenceVector[][]> BySnapshot = [];

    /// <summary>Each passage's score for the question, or null when the signal is off.</summary>
    public float[]? Scores(SearchIndex index, string question)
    {
        if (!vectors.Enabled || index.Chunks.Count == 0) return null;
        var chunks = BySnapshot.GetValue(index, Build);
        if (chunks.Length == 0) return null;
        var asked = vectors.Question(question);
        if (asked is null) return null;
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
        vectors.Ensure(index.Chunks.SelectMany(c => c.Chunk.SentenceTexts()));
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
