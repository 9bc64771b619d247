using System.Buffers;
using System.Numerics;

namespace TalksBot.Search;

/// <summary>
/// Ranks passages by each signal (BM25 on the query's terms; BM25 with spelling variants added;
/// cosine similarity of embeddings when there are any, or else of the offline sentence vectors),
/// fuses the rankings by reciprocal rank,
/// and picks the final passages by maximal marginal relevance so that near-copies of one fact do
/// not crowd out other relevant passages.
/// </summary>
public static class Ranker
{
    public static List<SearchHit> Rank(SearchIndex index, IReadOnlyList<QueryTerm> terms, float[]? queryVector, int k, SearchOptions o, float[]? offlineDense = null)
    {
        var n = index.Chunks.Count;
        if (n == 0 || k <= 0) return [];

        var signals = new List<(string Name, float Weight, List<(int Doc, float Score)> Top)>();
        var exact = ArrayPool<float>.Shared.Rent(n);
        var fuzzy = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Array.Clear(exact, 0, n);
            foreach (var t in terms) if (!t.IsVariant) index.AddBm25(t.TermId, t.Weight, o.K1, o.B, exact);
            signals.Add(("bm25", 1, Top(exact, n, o.Candidates)));

            if (terms.Any(t => t.IsVariant))
            {
                Array.Copy(exact, fuzzy, n);
                foreach (var t in terms) if (t.IsVariant) index.AddBm25(t.TermId, t.Weight, o.K1, o.B, fuzzy);
                signals.Add(("variants", 1, Top(fuzzy, n, o.Candidates)));
            }

            if (queryVector is not null && index.HasVectors)
            {
                for (var doc = 0; doc < n; doc++) exact[doc] = Cosine(queryVector, index.Chunks[doc].Vector!);
                signals.Add(("dense", 1, Top(exact, n, o.Candidates)));
            }
            else if (offlineDense is not null)
                signals.Add(("dense", o.OfflineDenseWeight, Top(offlineDense, n, o.Candidates)));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(exact);
            ArrayPool<float>.Shared.Return(fuzzy);
        }

        var fused = Fuse(signals, o.RrfK);
        var chosen = Diversify(index, fused.Take(o.Candidates).ToList(), k, o.MmrLambda);
        return [.. chosen.Select(c => Hit(index, c.Doc, c.Score, signals))];
    }

    /// <summary>The best <paramref name="count"/> positive scores, best first.</summary>
    /// <remarks>A common word gives most chunks a score: once the heap is full, blocks of scores none of which
    /// beats its least are passed over a vector at a time (the same scores enter, in the same order, as one by one).</remarks>
    static List<(int Doc, float Score)> Top(float[] scores, int n, int count)
    {
        var heap = new PriorityQueue<int, float>(count + 1);
        var least = 0f; // what a score must beat: positive until the heap is full, then its least
        void Offer(int doc)
        {
            var score = scores[doc];
            if (score <= least) return;
            if (heap.Count < count) heap.Enqueue(doc, score);
            else heap.EnqueueDequeue(doc, score);
            if (heap.Count == count) heap.TryPeek(out _, out least);
        }
        var block = 0;
        for (; block + Vector<float>.Count <= n; block += Vector<float>.Count)
            if (Vector.GreaterThanAny(new Vector<float>(scores, block), new Vector<float>(least)))
                for (var doc = block; doc < block + Vector<float>.Count; doc++) Offer(doc);
        for (var doc = block; doc < n; doc++) Offer(doc);
        var top = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var doc, out var score)) top.Add((doc, score));
        top.Reverse();
        return top;
    }

    /// <summary>Reciprocal rank fusion: each signal gives its weight / (k + rank), so no signal's scale dominates.</summary>
    static List<(int Doc, float Score)> Fuse(List<(string Name, float Weight, List<(int Doc, float Score)> Top)> signals, int k)
    {
        var fused = new Dictionary<int, float>();
        foreach (var (_, weight, top) in signals)
            for (var rank = 0; rank < top.Count; rank++)
                fused[top[rank].Doc] = fused.GetValueOrDefault(top[rank].Doc) + weight / (k + rank + 1);
        return [.. fused.Select(f => (f.Key, f.Value)).OrderByDescending(f => f.Value).ThenBy(f => f.Key)];
    }

    /// <summary>
    /// Maximal marginal relevance over the fused candidates, with term-set overlap as similarity. Each
    /// candidate's redundancy (its most overlap with one chosen) is brought up to date with the one chosen
    /// last only, not measured against all chosen again every round.
    /// </summary>
    static List<(int Doc, float Score)> Diversify(SearchIndex index, List<(int Doc, float Score)> candidates, int k, float lambda)
    {
        if (candidates.Count == 0) return [];
        var best = candidates[0].Score;
        var chosen = new List<(int Doc, float Score)>();
        var left = new List<(int Doc, float Score)>(candidates);
        var redundancy = new float[left.Count];
        var last = new TermMarks(index.Terms.Length);
        while (chosen.Count < k && left.Count > 0)
        {
            var pick = 0;
            var pickValue = float.MinValue;
            if (chosen.Count > 0) last.Mark(index.TermSets[chosen[^1].Doc]);
            for (var i = 0; i < left.Count; i++)
            {
                if (chosen.Count > 0) redundancy[i] = Math.Max(redundancy[i], last.Overlap(index.TermSets[left[i].Doc]));
                var value = lambda * left[i].Score / best - (1 - lambda) * redundancy[i];
                if (value > pickValue) (pick, pickValue) = (i, value);
            }
            chosen.Add(left[pick]);
            left.RemoveAt(pick);
            Array.Copy(redundancy, pick + 1, redundancy, pick, left.Count - pick);
        }
        return chosen;
    }

    /// <summary>
    /// One term set marked in an array as long as the vocabulary, so that its Jaccard overlap with
    /// each candidate's is one look-up a term, not a merge of the two. The array is the thread's,
    /// and marking anew is a new stamp, not a clearing.
    /// </summary>
    /// <remarks>The thread's array and stamp are copied into the struct when marking: a thread-static is looked up
    /// anew on every read, and one is read per term of every candidate.</remarks>
    struct TermMarks(int terms)
    {
        [ThreadStatic] static int[]? threadMarks;
        [ThreadStatic] static int threadStamp;
        int[] marks = [];
        int stamp, count;

        public void Mark(int[] set)
        {
            marks = threadMarks is { } known && known.Length >= terms ? known : threadMarks = new int[terms];
            if (threadStamp == int.MaxValue)
            {
                Array.Clear(marks);
                threadStamp = 0;
            }
            stamp = ++threadStamp;
            foreach (var term in set) marks[term] = stamp;
            count = set.Length;
        }

        /// <summary>Jaccard overlap of the marked set and <paramref name="set"/>.</summary>
        public readonly float Overlap(int[] set)
        {
            var shared = 0;
            foreach (var term in set) if (marks[term] == stamp) shared++;
            var union = count + set.Length - shared;
            return union == 0 ? 0 : (float)shared / union;
        }
    }

    static float Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / MathF.Sqrt(na * nb);
    }

    static SearchHit Hit(SearchIndex index, int doc, float score, List<(string Name, float Weight, List<(int Doc, float Score)> Top)> signals)
    {
        var parts = new List<SignalScore>();
        foreach (var (name, _, top) in signals)
        {
            var rank = top.FindIndex(t => t.Doc == doc);
            if (rank >= 0) parts.Add(new SignalScore(name, rank + 1, top[rank].Score));
        }
        var passage = index.Chunks[doc];
        return new SearchHit(passage, index.Sources[passage.Chunk.Source], score, parts);
    }
}
