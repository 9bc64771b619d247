using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Semantic;
using TalksBot.Tests.Storage;

namespace TalksBot.Tests.Semantic;

/// <summary>
/// The sentence vectors kept in the knowledge base's database: what one host embeds, the next host on
/// the same LiteDB file or another replica on the same PostgreSQL database finds stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SentenceVectorStoreTests(PostgresFixture postgres)
{
    // Sentences no other test of this process embeds: the vectors computed are shared by every host of a process.
    internal static string[] Unique(string what)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return [$"The {what} {id} left the northern pier at dawn.", $"Talks on the {what} {id} route resumed in the spring."];
    }

    /// <summary>Does the store hold the vector, byte for byte (its components and scale)?</summary>
    static bool Holds(ISentenceVectorStore store, SentenceVector vector)
    {
        var bytes = BitConverter.GetBytes(vector.Scale).Concat(MemoryMarshal.AsBytes(vector.Values.AsSpan()).ToArray()).ToArray();
        return store.ReadAfter(0).Batches.Any(b => b.AsSpan().IndexOf(bytes) >= 0);
    }

    [Theory]
    [InlineData("litedb")]
    [InlineData("postgres")]
    public async Task WhatOneHostEmbedsTheNextFindsStored(string provider)
    {
        using var replicas = await TestReplicas.StartAsync(postgres, provider, count: 2);
        var sentences = Unique("ferry");
        var first = replicas.Get<SentenceVectors>(0);
        Assert.Equal(sentences.Length, first.Ensure(sentences));
        Assert.Equal(0, first.Ensure(sentences));

        // On PostgreSQL the second replica reads what the first stored; on LiteDB each replica has its own file.
        var vectors = sentences.Select(s => first.Sentence(s)!.Value).ToList();
        Assert.All(vectors, v => Assert.True(Holds(replicas.Get<ISentenceVectorStore>(0), v)));
        Assert.All(vectors, v => Assert.Equal(provider == "postgres", Holds(replicas.Get<ISentenceVectorStore>(1), v)));
    }

    [Fact]
    public async Task ReplicasWarmingTheSameSnapshotEmbedItOnce()
    {
        using var replicas = await TestReplicas.StartAsync(postgres, "postgres", count: 2);
        var id = Guid.NewGuid().ToString("N")[..8];
        var report = string.Join(" ", Enumerable.Range(0, 120).Select(i => $"Convoy {id} number {i} crossed the river at the {i}th bridge."));
        await replicas.Get<ISeedLibrary>().SaveAsync("convoy.txt", Encoding.UTF8.GetBytes("Title: Convoys\n\n" + report), replace: false);
        var run = await replicas.Get<KnowledgeBase>(0).ReindexAsync();
        Assert.True(run.Succeeded, run.Error);
        await replicas.Get<KnowledgeBase>(1).RefreshAsync();
        var snapshots = await Task.WhenAll(replicas.Get<KnowledgeBase>(0).GetAsync(), replicas.Get<KnowledgeBase>(1).GetAsync());

        // Started together: without one warm-up at a time, each would find every sentence missing and embed it.
        var embedded = await Task.WhenAll(snapshots.Select((s, i) => replicas.Get<SentenceVectors>(i).WarmAsync(s)));

        Assert.Equal(snapshots[0].Chunks.Sum(c => c.Chunk.Sentences.Count), embedded.Sum());
    }

    [Fact]
    public async Task ARestartOnTheSameFileFindsThemStored()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var sentences = Unique("barge");
        var before = kb.Start().GetRequiredService<SentenceVectors>();
        before.Ensure(sentences);
        var vectors = sentences.Select(s => before.Sentence(s)!.Value).ToList();
        kb.Stop();

        var store = kb.Start().GetRequiredService<ISentenceVectorStore>();
        Assert.All(vectors, v => Assert.True(Holds(store, v)));
        var (batches, last) = store.ReadAfter(0);
        Assert.Empty(store.ReadAfter(last).Batches);
        // Each batch names the model and layout, then holds whole records of the text's hash, the scale and 384 signed bytes.
        var layout = "talksbot-vectors arctic-embed-xs sbyte384 v1\n"u8.ToArray();
        Assert.All(batches, b => Assert.True(b.AsSpan().StartsWith(layout) && (b.Length - layout.Length) % (8 + 4 + SentenceVector.Dimensions) == 0));
    }

    [Fact]
    public void ABatchAnotherModelWroteIsPassedOver()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var text = Unique("raft")[0];
        var services = kb.Start();
        services.GetRequiredService<ISentenceVectorStore>().Append([.. "talksbot-vectors another-model sbyte384 v1\n"u8.ToArray(), .. Record(text, Pattern(), 0.01f)]);

        var vectors = services.GetRequiredService<SentenceVectors>();
        Assert.False(vectors.Has(text));
        Assert.NotEqual(Pattern(), vectors.Sentence(text)!.Value.Values);
    }

    static sbyte[] Pattern() => [.. Enumerable.Range(0, SentenceVector.Dimensions).Select(i => (sbyte)(i % 100 - 50))];

    // A record: the text's hash, the scale and 384 signed bytes.
    static byte[] Record(string text, sbyte[] values, float scale) => [.. BitConverter.GetBytes(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()))),
        .. BitConverter.GetBytes(scale), .. MemoryMarshal.AsBytes(values.AsSpan()).ToArray()];

    [Fact]
    public void AVectorsFileAnEarlierVersionLeftIsTakenInAndRemoved()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var text = Unique("tug")[0];
        // The file's layout: a header line, then records.
        var values = Pattern();
        var record = Record(text, values, 0.01f);
        Directory.CreateDirectory(Path.GetDirectoryName(kb.Database)!);
        // A record cut short at the end is left out.
        File.WriteAllBytes(kb.Database + ".vectors", [.. "talksbot-vectors arctic-embed-xs sbyte384 v1\n"u8.ToArray(), .. record, 1, 2, 3]);

        var services = kb.Start();
        var vectors = services.GetRequiredService<SentenceVectors>();
        Assert.True(vectors.Has(text));
        Assert.Equal(values, vectors.Sentence(text)!.Value.Values);
        Assert.False(File.Exists(kb.Database + ".vectors"));
        Assert.True(Holds(services.GetRequiredService<ISentenceVectorStore>(), new SentenceVector(values, 0.01f)));
    }
}

/// <summary>The vectors' store out of reach: the vectors are computed and used all the same.</summary>
public sealed class SentenceVectorStoreOutageTests
{
    [Fact]
    public void ADatabaseThatCannotBeReachedCostsNoVectors()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        // A port nothing listens on: the real client is refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var vectors = kb.Start(new()
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={port};Username=nobody;Password=secret;Database=none;Timeout=2",
        }).GetRequiredService<SentenceVectors>();
        var sentences = SentenceVectorStoreTests.Unique("lighthouse");

        Assert.Equal(2, vectors.Ensure(sentences));
        Assert.All(sentences, s => Assert.True(vectors.Has(s)));
        Assert.NotNull(vectors.Sentence(SentenceVectorStoreTests.Unique("harbour")[0]));
    }
}
