using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalksBot.Ingest;
using TalksBot.Llm;
using TalksBot.Observability;
using TalksBot.Search;
using TalksBot.Semantic;
using TalksBot.Storage;

namespace TalksBot.Index;

public static class KnowledgeBaseExtensions
{
    /// <summary>Ingest, index and search: the knowledge base every front end answers from.</summary>
    public static IHostApplicationBuilder AddKnowledgeBase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedsOptions>().BindConfiguration("Seeds")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path) && o.MaxFileBytes > 0, "Seeds:Path must be set and Seeds:MaxFileBytes positive.")
            .Validate(o => o.MaxDepth >= 1 && o.MaxRemovedShare is >= 0 and <= 1, "Seeds:MaxDepth must be at least 1 and Seeds:MaxRemovedShare between 0 and 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<IndexOptions>().BindConfiguration("Index")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), "Index:DatabasePath must be set.")
            .Validate(o => o.ChunkTargetChars >= 100 && o.ChunkOverlapSentences >= 0, "Index:ChunkTargetChars must be at least 100 and Index:ChunkOverlapSentences not negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<SearchOptions>().BindConfiguration("Search")
            .Validate(o => o.TopK >= 1 && o.Candidates >= o.TopK && o.RrfK > 0 && o.MmrLambda is >= 0 and <= 1 && o.OfflineDenseWeight is >= 0 and <= 10,
                "Search: TopK >= 1, Candidates >= TopK, RrfK > 0, MmrLambda within 0..1 and OfflineDenseWeight within 0..10.")
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<TalksBotMetrics>();
        builder.Services.AddSingleton<Faults>();
        builder.AddStorage();
        if (builder.UsesPostgres())
        {
            builder.Services.AddSingleton<SeedReader>();
            builder.Services.AddSingleton<ISeedLibrary, PostgresSeedLibrary>();
            builder.Services.AddSingleton<IKnowledgeStore, PostgresKnowledgeStore>();
            builder.Services.AddSingleton<ISentenceVectorStore, PostgresSentenceVectorStore>();
            builder.Services.AddHostedService<SnapshotRefresher>();
        }
        else
        {
            builder.Services.AddLiteDatabase();
            builder.Services.AddSingleton<ISeedLibrary, SeedReader>();
            builder.Services.AddSingleton<IKnowledgeStore, LiteDbKnowledgeStore>();
            builder.Services.AddSingleton<ISentenceVectorStore, LiteDbSentenceVectorStore>();
            builder.Services.AddHostedService<SeedWatcher>();
        }
        builder.Services.AddSingleton<Indexer>();
        builder.Services.AddSingleton<KnowledgeBase>();
        builder.Services.AddSingleton<ReindexRunner>();
        builder.Services.AddSingleton(_ => QueryTranslator.LoadEmbedded());
        builder.Services.AddSingleton(_ => Synonyms.LoadEmbedded());
        builder.Services.AddSingleton<QueryBuilder>();
        builder.Services.AddSingleton<Searcher>();
        builder.Services.AddSingleton<SentenceVectors>();
        builder.Services.AddSingleton<ChunkVectors>();
        builder.AddEmbeddings();
        return builder;
    }
}
