using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TalksBot.Search;

namespace TalksBot.Bench;

/// <summary>
/// Plain Lucene.Net: the same chunks in an on-disk index with its EnglishAnalyzer and BM25Similarity,
/// searched with a classic OR query, storing and returning the passage text as TalksBot does.
/// The yardstick for speed and retrieval quality.
/// </summary>
public sealed class LuceneBaseline : IDisposable
{
    const LuceneVersion Version = LuceneVersion.LUCENE_48;
    readonly FSDirectory directory;
    readonly EnglishAnalyzer analyzer = new(Version);
    DirectoryReader? reader;
    IndexSearcher? searcher;

    public LuceneBaseline(string folder) => directory = FSDirectory.Open(folder);

    public void Build(IReadOnlyList<IndexedChunk> chunks)
    {
        var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < chunks.Count; i++)
                writer.AddDocument(new Document
                {
                    new StringField("source", chunks[i].Chunk.Source, Field.Store.YES),
                    new TextField("text", chunks[i].Chunk.Text, Field.Store.YES),
                });
            writer.Commit();
        }
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>A restart: the reader closed and opened again on the files, and one query run (Lucene reads its files lazily).</summary>
    public void Reopen(string query)
    {
        reader?.Dispose();
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        Search(query, 5);
    }

    public long SizeBytes => System.IO.Directory.GetFiles(directory.Directory.FullName).Sum(f => new FileInfo(f).Length);

    /// <summary>The top chunks for a query: (source, text) best first.</summary>
    public List<(string Source, string Text)> Search(string query, int k)
    {
        var parser = new QueryParser(Version, "text", analyzer);
        Query parsed;
        try { parsed = parser.Parse(QueryParserBase.Escape(query)); }
        catch (ParseException) { return []; }
        return [.. searcher!.Search(parsed, k).ScoreDocs.Select(d => searcher.Doc(d.Doc)).Select(doc => (doc.Get("source"), doc.Get("text")))];
    }

    public void Dispose()
    {
        reader?.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }
}
