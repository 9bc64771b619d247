using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Index;

namespace TalksBot.Tests.Index;

/// <summary>The LiteDB store's layout, one packed value per source (the terms are in the search image): read back as written, damage named, the older layout taken in again.</summary>
public class PackedChunksTests
{
    static StoredChunk Chunk(int index, byte[]? vector = null) => new()
    {
        Id = $"a.txt#{index}", Source = "a.txt", Index = index, Language = index == 0 ? "en" : "nl",
        Text = "Één zin. Ein Satz — “quoted” 20%.\nNext line 🕊.", Sentences = [0, 8, 9, 33, 34, 49],
        Terms = index == 1 ? "" : "één zin ein satz quot 20 next line", Vector = vector,
    };

    [Fact]
    public void ChunksComeBackAsTheyWereWritten()
    {
        var vector = new byte[] { 0, 0, 128, 63, 0, 0, 0, 192 };
        StoredChunk[] chunks = [Chunk(0, vector), Chunk(1), Chunk(7)];

        var read = PackedChunks.Unpack("a.txt", PackedChunks.Pack(chunks));

        Assert.Equal(chunks.Length, read.Count);
        for (var i = 0; i < chunks.Length; i++)
        {
            Assert.Equal(chunks[i].Id, read[i].Id);
            Assert.Equal(chunks[i].Source, read[i].Source);
            Assert.Equal(chunks[i].Index, read[i].Index);
            Assert.Equal(chunks[i].Language, read[i].Language);
            Assert.Equal(chunks[i].Text, read[i].Text);
            Assert.Equal(chunks[i].Sentences, read[i].Sentences);
            Assert.Equal(chunks[i].Vector, read[i].Vector);
        }
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("flipped")]
    [InlineData("empty")]
    public void DamagedBytesAreRefusedAsDamage(string damage)
    {
        var packed = PackedChunks.Pack([Chunk(0), Chunk(1)]);
        var bad = damage switch
        {
            "cut" => packed[..(packed.Length / 2)],
            "flipped" => [.. packed.Select((b, i) => i > 4 ? (byte)~b : b)],
            _ => [],
        };

        Assert.Throws<InvalidDataException>(() => PackedChunks.Unpack("a.txt", bad));
    }

    /// <summary>A database written before packing (a document per chunk) is taken in again from the seeds, not misread.</summary>
    [Fact]
    public async Task ADatabaseOfTheOlderLayoutIsIndexedAgain()
    {
        using var kb = new TestKnowledgeBase();
        await kb.Start().GetRequiredService<KnowledgeBase>().ReindexAsync();
        kb.Stop();
        using (var db = new LiteDatabase($"Filename={kb.Database};Connection=direct"))
        {
            db.DropCollection("packed_chunks");
            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "fingerprint", ["value"] = "store-v2|older" });
            db.GetCollection("chunks").Insert(new BsonDocument { ["_id"] = "old.txt#0", ["Source"] = "old.txt", ["Text"] = "An older chunk.", ["Terms"] = "older chunk" });
        }

        var services = kb.Start();
        var answer = await services.GetRequiredService<AnswerService>().AskAsync("What was the only concrete outcome of the second round?");
        var index = await services.GetRequiredService<KnowledgeBase>().GetAsync();

        Assert.False(answer.Refused);
        Assert.Equal(5, index.Sources.Count);
        Assert.DoesNotContain(index.Chunks, c => c.Chunk.Source == "old.txt");
        Assert.False(services.GetRequiredService<LiteDatabase>().CollectionExists("chunks"));
    }
}
