using System.Diagnostics;
using TalksBot.Telegram;

namespace TalksBot.Tests.Storage;

/// <summary>A send limit spaces sends per key, in memory and in PostgreSQL (where every replica's pacer shares the slots).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PacerContractTests(PostgresFixture postgres)
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("litedb", 1)]
    [InlineData("postgres", 1)]
    [InlineData("postgres", 3)]
    public async Task SendsForOneKeyAreSpacedByTheIntervalWhicheverReplicaSendsThem(string provider, int replicas)
    {
        using var hosts = await TestReplicas.StartAsync(postgres, provider, replicas, new() { ["Telegram:Token"] = "123456:TEST-token" });
        var pacers = Enumerable.Range(0, replicas).Select(i => hosts.Get<PacerFactory>(i)("chat", Interval)).ToList();
        var watch = Stopwatch.StartNew();
        var done = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await pacers[i % pacers.Count].WaitAsync(7, CancellationToken.None);
            return watch.Elapsed;
        }));
        // Each send goes within a quarter interval of its own slot (one woken later takes a new slot), so no
        // run of sends is tighter than its slots, less that (and some room for the measuring).
        var times = done.Order().ToList();
        for (var i = 1; i < times.Count; i++)
            for (var j = 0; j < i; j++)
                Assert.True(times[i] - times[j] >= Interval * (i - j) - Interval / 3,
                    $"sends {j + 1} to {i + 1} came within {(times[i] - times[j]).TotalMilliseconds:0} ms");
    }
}
