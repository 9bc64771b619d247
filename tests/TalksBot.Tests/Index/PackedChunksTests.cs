using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Tests.Index;

/// <summary>The LiteDB store's layout, one packed value per source (the terms are in the search image): read back as written, damage named, the older layout taken in again.</summary>
public class PackedChunksTests
{
    const string Text = "Één zin. Ein Satz — “quoted” 20%.\nNext line 🕊.";
    static readonly int[] Sentences = [0, 8, 9, 33, 34, 49];

    static IndexedChunk Chunk(int index, float[]? vector = null) => new(
        new Chunk("a.txt", index, Text, [new(0, 8), new(9, 33), new(34, 49)]), index == 0 ? "en" : "nl", vector);

    /// <param name="arena">The texts are kept in an arena's blocks (as a restart keeps them), with the bytes read overwritten after.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChunksComeBackAsTheyWereWritten(bool arena)
    {
        IndexedChunk[] chunks = [Chunk(0, [1f, -2f]), Chunk(1), Chunk(7)];
        var packed = PackedChunks.Pack(chunks);

        var read = PackedChunks.Unpack("a.txt", packed, arena ? new ByteArena() : null);
        if (arena) Array.Clear(packed);

        Assert.Equal(chunks.Length, read.Count);
        for (var i = 0; i < chunks.Length; i++)
        {
            Assert.Equal(chunks[i].Chunk.Id, read[i].Chunk.Id);
            Assert.Equal(chunks[i].Chunk.Index, read[i].Chunk.Index);
            Assert.Equal(chunks[i].Language, read[i].Language);
            Assert.Equal(Text, read[i].Chunk.Text);
            Assert.Equal(Sentences, Offsets(read[i]));
            Assert.Equal(chunks[i].Vector, read[i].Vector);
        }
    }

    /// <summary>Packs of version 2 (texts and all compressed together) are read as they were: a database written before stays usable.</summary>
    [Fact]
    public void PacksOfTheEarlierVersionAreStillRead()
    {
        var chunk = new StoredChunk { Source = "a.txt", Index = 7, Language = "nl", Text = Text, Sentences = Sentences };
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)2);
            writer.Write7BitEncodedInt(1);
            writer.Write7BitEncodedInt(chunk.Index);
            writer.Write(chunk.Language);
            writer.Write7BitEncodedInt(chunk.Utf8.Length);
            writer.Write(chunk.Utf8);
            writer.Write7BitEncodedInt(chunk.Sentences.Length);
            for (var i = 0; i < chunk.Sentences.Length; i++) writer.Write7BitEncodedInt(chunk.Sentences[i] - (i == 0 ? 0 : chunk.Sentences[i - 1]));
            writer.Write(false);
        }

        var read = Assert.Single(PackedChunks.Unpack("a.txt", Compressed.Pack(buffer.ToArray())));

        Assert.Equal((chunk.Index, chunk.Language, chunk.Text), (read.Chunk.Index, read.Language, read.Chunk.Text));
        Assert.Equal(chunk.Sentences, Offsets(read));
    }

    static int[] Offsets(IndexedChunk chunk) => [.. chunk.Chunk.Sentences.SelectMany(s => new[] { s.Start, s.End })];

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
