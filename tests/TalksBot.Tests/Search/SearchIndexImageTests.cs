using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalksBot.Index;
using TalksBot.Search;
using TalksBot.Storage;

namespace TalksBot.Tests.Search;

/// <summary>The snapshot's postings written as an image and read back: the same search, and damage refused.</summary>
public class SearchIndexImageTests
{
    static async Task<(TestKnowledgeBase Kb, IServiceProvider Services, SearchIndex Index)> BuiltAsync()
    {
        var kb = new TestKnowledgeBase();
        var services = kb.Start();
        return (kb, services, await services.GetRequiredService<KnowledgeBase>().GetAsync());
    }

    [Fact]
    public async Task ASnapshotReadFromItsImageSearchesAsTheOneBuilt()
    {
        var (kb, services, built) = await BuiltAsync();
        using var _ = kb;
        var read = SearchIndex.FromImage(built.Chunks, built.Sources, built.Image());
        var queries = services.GetRequiredService<QueryBuilder>();
        var options = services.GetRequiredService<IOptions<SearchOptions>>().Value;

        Assert.Equal(built.Terms, read.Terms);
        Assert.Equal(built.TermSets, read.TermSets);
        var devSet = TalksBot.Bench.DevSet.Find() ?? throw new FileNotFoundException("the dev questions (../shared/eval/dev.jsonl)");
        var questions = TalksBot.Bench.DevSet.Load(devSet).Select(q => q.Question).Concat(["EU sanctions", "NATO", "Kiev talks", "gesprekken in Istanbul"]);
        foreach (var question in questions)
        {
            var terms = queries.Build(built, question, "en");
            var expected = Ranker.Rank(built, terms, null, 8, options);
            var actual = Ranker.Rank(read, queries.Build(read, question, "en"), null, 8, options);
            Assert.Equal(expected.Select(h => (h.Passage.Chunk.Id, h.Score)), actual.Select(h => (h.Passage.Chunk.Id, h.Score)));
        }
        foreach (var acronym in new[] { "eu", "nato", "us", "un" }) Assert.Equal(built.Expansion(acronym), read.Expansion(acronym));
    }

    /// <summary>An image of version 1 (each term followed by its postings), as databases written before hold, is read as it was.</summary>
    [Fact]
    public async Task AnImageOfTheEarlierLayoutIsStillRead()
    {
        var (kb, _, built) = await BuiltAsync();
        using var __ = kb;
        using var image = new BinaryReader(new MemoryStream(built.Image()));
        using var older = new MemoryStream();
        using (var writer = new BinaryWriter(older))
        {
            Assert.Equal(2, image.ReadByte());
            writer.Write((byte)1);
            writer.Write7BitEncodedInt(image.Read7BitEncodedInt());
            writer.Write(image.ReadUInt64());
            var terms = new string[image.Read7BitEncodedInt()];
            writer.Write7BitEncodedInt(terms.Length);
            for (var id = 0; id < terms.Length; id++) terms[id] = image.ReadString();
            foreach (var term in terms)
            {
                writer.Write(term);
                var postings = image.Read7BitEncodedInt();
                writer.Write7BitEncodedInt(postings);
                for (var i = 0; i < 2 * postings; i++) writer.Write7BitEncodedInt(image.Read7BitEncodedInt()); // doc steps, then frequencies
            }
            image.BaseStream.CopyTo(older); // lengths and acronyms, as they were
        }

        var read = SearchIndex.FromImage(built.Chunks, built.Sources, older.ToArray());

        Assert.Equal(built.Terms, read.Terms);
        Assert.Equal(built.TermSets, read.TermSets);
        foreach (var acronym in new[] { "eu", "nato", "us", "un" }) Assert.Equal(built.Expansion(acronym), read.Expansion(acronym));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("flipped")]
    [InlineData("other chunks")]
    public async Task ADamagedOrForeignImageIsRefused(string damage)
    {
        var (kb, _, built) = await BuiltAsync();
        using var __ = kb;
        var image = built.Image();
        var chunks = built.Chunks;
        switch (damage)
        {
            case "cut": image = image[..(image.Length / 2)]; break;
            case "flipped": image = [.. image.Select((b, i) => i > 16 ? (byte)(b ^ 0x5a) : b)]; break;
            default: chunks = [.. chunks.Skip(1)]; break;
        }

        Assert.Throws<InvalidDataException>(() => SearchIndex.FromImage(chunks, built.Sources, image));
    }

    /// <summary>A damaged image in the database is the database damaged: named once, with the way back.</summary>
    [Fact]
    public async Task ALostImageMakesTheDatabaseDamaged()
    {
        var (kb, services, _) = await BuiltAsync();
        using var __ = kb;
        services.GetRequiredService<LiteDB.LiteDatabase>().GetCollection("image").DeleteAll();
        kb.Stop();

        var error = await Assert.ThrowsAnyAsync<DatabaseUnusableException>(() => kb.Start().GetRequiredService<KnowledgeBase>().GetAsync());
        Assert.Contains("search image", error.InnerException?.Message);
    }
}
