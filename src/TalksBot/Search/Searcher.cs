using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Semantic;

namespace TalksBot.Search;

/// <summary>Hybrid retrieval over the current snapshot: the one entry point every caller searches through.</summary>
public sealed partial class Searcher(
    KnowledgeBase knowledge,
    QueryBuilder queries,
    IOptions<SearchOptions> options,
    ILogger<Searcher> logger,
    SentenceVectors sentences,
    ChunkVectors offline,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    /// <summary>Longer queries are refused, not cut: nobody asks a question this long.</summary>
    public const int MaxQueryChars = 2000;

    public async Task<SearchResult> SearchAsync(string query, int? k = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query)) return SearchResult.Invalid(query ?? "", "The query is empty: type a few words to search for.");
        if (query.Length > MaxQueryChars) return SearchResult.Invalid(query, $"The query is {query.Length} characters long; the limit is {MaxQueryChars}.");
        var count = k ?? options.Value.TopK;
        if (count < 1) return SearchResult.Invalid(query, "The number of passages must be at least 1.");

        var index = await knowledge.GetAsync(cancellationToken);
        var language = LanguageDetector.Detect(query);
        var words = queries.Words(index, query, language);
        var vector = index.HasVectors ? await EmbedAsync(query, cancellationToken) : null;
        var asked = vector is null && options.Value.OfflineDenseWeight > 0 ? sentences.Question(query) : null;
        var offlineDense = asked is null ? null : offline.Scores(index, asked);
        return new SearchResult(query, language, Ranker.Rank(index, QueryBuilder.Terms(words), vector, count, options.Value, offlineDense), Words: words)
        {
            Index = index, Vector = asked,
        };
    }

    /// <summary>The query's embedding, or null when the endpoint fails: search then stays lexical.</summary>
    async Task<float[]?> EmbedAsync(string query, CancellationToken cancellationToken)
    {
        if (embeddings is null) return null;
        try
        {
            return (await embeddings.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or ClientResultException or TimeoutException
                                   || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogEmbeddingFailed(logger, e.GetType().Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed ({Kind}: {Reason}); searching without the dense signal")]
    static partial void LogEmbeddingFailed(ILogger logger, string kind, string reason);
}
