using TalksBot.Ingest;

namespace TalksBot.Tests.Ingest;

public class ChunkerTests
{
    static readonly string Text = string.Join(" ", Enumerable.Range(1, 20).Select(i => $"Sentence number {i} says something."));

    [Fact]
    public void ChunksStayNearTheTargetAndNeverCutASentence()
    {
        var article = ArticleParser.Parse(Text);
        var chunks = Chunker.Split("a.txt", article, targetChars: 120, overlapSentences: 0);
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 120 || c.Sentences.Count == 1));
        Assert.Equal(article.Sentences, chunks.SelectMany(c => c.Sentences));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
    }

    [Fact]
    public void OverlapRepeatsTheLastSentencesOfThePreviousChunk()
    {
        var chunks = Chunker.Split("a.txt", ArticleParser.Parse(Text), targetChars: 120, overlapSentences: 1);
        for (var i = 1; i < chunks.Count; i++) Assert.Equal(chunks[i - 1].Sentences[^1], chunks[i].Sentences[0]);
    }

    [Fact]
    public void EverySentenceOfAChunkIsVerbatimInTheSourceAtItsOffsets()
    {
        foreach (var file in Directory.GetFiles(TestKnowledgeBase.RepositorySeeds(), "*.txt"))
        {
            var text = File.ReadAllText(file);
            foreach (var chunk in Chunker.Split(Path.GetFileName(file), ArticleParser.Parse(text), 600, 1))
                foreach (var s in chunk.Sentences)
                    Assert.Contains(text[s.Start..s.End], chunk.Text);
        }
    }
}
