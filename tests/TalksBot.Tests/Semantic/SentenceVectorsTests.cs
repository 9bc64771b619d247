using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Semantic;

namespace TalksBot.Tests.Semantic;

/// <summary>The offline semantic signal: the real arctic-embed-xs model, and its vectors kept beside the database.</summary>
public class SentenceVectorsTests
{
    [Fact]
    public void AParaphraseIsNearerToTheQuestionThanAnUnrelatedSentence()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var vectors = kb.Start().GetRequiredService<SentenceVectors>();
        var question = vectors.Question("How much of the country does the army hold?")!;
        var near = vectors.Sentence("The troops currently occupy about a fifth of the nation's land.")!.Value;
        var far = vectors.Sentence("The bakery on the corner sells bread on Sundays.")!.Value;
        Assert.Equal(SentenceVector.Dimensions, question.Length);
        Assert.True(near.Cosine(question) > far.Cosine(question) + 0.1f, $"near {near.Cosine(question)}, far {far.Cosine(question)}");
    }

    [Fact]
    public async Task EverySentenceOfTheIndexIsEmbeddedOnceAndWrittenBesideTheDatabase()
    {
        using var kb = new TestKnowledgeBase();
        var services = kb.Start();
        var index = await services.GetRequiredService<KnowledgeBase>().GetAsync();
        var vectors = services.GetRequiredService<SentenceVectors>();
        Assert.NotNull(vectors.Sentence($"A sentence no other test embeds, {Guid.NewGuid()}."));

        vectors.Warm(index);
        Assert.Equal(0, vectors.Warm(index));
        var file = new FileInfo(kb.Database + ".vectors");
        Assert.True(file.Exists);
        // A header, then whole records; sentences another test of this process embedded first are not written again here.
        const int header = 45, record = 8 + 4 + SentenceVector.Dimensions;
        Assert.True(file.Length >= header + record);
        Assert.Equal(0, (file.Length - header) % record);
    }

    [Fact]
    public void TurnedOffItGivesNoVectorsAndLoadsNoModel()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var vectors = kb.Start(new() { ["Search:Semantic"] = "false" }).GetRequiredService<SentenceVectors>();
        Assert.False(vectors.Enabled);
        Assert.Null(vectors.Question("Who met in Istanbul?"));
        Assert.Null(vectors.Sentence("The delegations met in Istanbul."));
    }
}
