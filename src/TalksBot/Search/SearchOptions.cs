namespace TalksBot.Search;

/// <summary>Ranking parameters (section "Search"). The defaults were measured on the dev questions; see README.</summary>
public sealed class SearchOptions
{
    /// <summary>The offline semantic signal (arctic-embed-xs sentence vectors); false for corpora too large to embed on the machine.</summary>
    public bool Semantic { get; set; } = true;

    /// <summary>
    /// Weight in the fusion of the offline dense signal (each passage's sentence nearest the question, by the
    /// sentence vectors), used when no embeddings endpoint is configured; 0 leaves it out. It finds more of the
    /// passages that hold an answer but not more of the offline engine's answers (docs/search.md), so it is
    /// for the LLM engine, which reads the passages whole.
    /// </summary>
    public float OfflineDenseWeight { get; set; }

    /// <summary>Passages returned by default.</summary>
    public int TopK { get; set; } = 5;

    /// <summary>BM25 term-frequency saturation.</summary>
    public float K1 { get; set; } = 1.2f;

    /// <summary>BM25 length normalisation (0 none, 1 full).</summary>
    public float B { get; set; } = 0.75f;

    /// <summary>Reciprocal rank fusion constant: higher flattens the difference between ranks.</summary>
    public int RrfK { get; set; } = 60;

    /// <summary>How many of each signal's best passages are fused and then diversified.</summary>
    public int Candidates { get; set; } = 40;

    /// <summary>Maximal marginal relevance: 1 ranks by relevance alone, lower favours passages unlike those already chosen.</summary>
    public float MmrLambda { get; set; } = 0.75f;

    /// <summary>Least trigram similarity for a term to count as a spelling variant of a query term.</summary>
    public float VariantMinSimilarity { get; set; } = 0.65f;

    /// <summary>Weight of dictionary translations of query words, against 1 for the words themselves.</summary>
    public float TranslationWeight { get; set; } = 0.5f;

    /// <summary>Weight of a word's synonyms (WordNet) against 1 for the word itself.</summary>
    public float SynonymWeight { get; set; } = 0.4f;

    /// <summary>Weight of a query analysed in the language it is not written in (names match either way).</summary>
    public float OtherLanguageWeight { get; set; } = 0.5f;
}
