using Microsoft.Extensions.DependencyInjection;
using TalksBot.Cli;
using TalksBot.Index;

namespace TalksBot.Tests.Index;

/// <summary>`serve` reindexes on its own when the seeds folder changes, unless told not to.</summary>
public class SeedWatcherTests
{
    static async Task<int> SourcesAfterAddingAFile(bool watch)
    {
        using var kb = new TestKnowledgeBase();
        await using var app = ServeHost.Build(new Dictionary<string, string?>
        {
            ["Seeds:Path"] = kb.Seeds, ["Index:DatabasePath"] = kb.Database, ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Seeds:Watch"] = watch.ToString(), ["Seeds:WatchDebounceMilliseconds"] = "300",
        });
        await ServeHost.StartAsync(app, CancellationToken.None);
        var store = app.Services.GetRequiredService<KnowledgeBase>().Store;
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "new.txt"), "Ferry Report\nThe new ferry sailed on Monday.");

        var until = DateTime.UtcNow.AddSeconds(8);
        while ((await store.SourcesAsync()).Count < 6 && DateTime.UtcNow < until) await Task.Delay(100);
        var count = (await store.SourcesAsync()).Count;
        await app.StopAsync();
        return count;
    }

    [Fact]
    public async Task ANewFileInSeedsIsIndexedWithoutAnyoneAsking() => Assert.Equal(6, await SourcesAfterAddingAFile(watch: true));

    [Fact]
    public async Task WatchingCanBeTurnedOff() => Assert.Equal(5, await SourcesAfterAddingAFile(watch: false));
}
