using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Cli;
using TalksBot.Index;

namespace TalksBot.Tests.Index;

/// <summary>What a seeds folder may hold that must not hurt: links in loops, links out of it, deep nesting, nothing at all.</summary>
public class SeedFolderTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static async Task<(TestKnowledgeBase Kb, IServiceProvider Services)> TwoSourcesAsync()
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        Directory.CreateDirectory(Path.Combine(kb.Seeds, "sub"));
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "harbour.txt"), "Harbour News\nThe harbour opened on Monday.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "sub", "ferry.txt"), "Ferry News\nThe ferry sailed on Tuesday.");
        return (kb, kb.Start());
    }

    static async Task<List<string>> SourcesAsync(IServiceProvider services) =>
        [.. (await services.Knowledge().Store.SourcesAsync()).Select(s => s.Id)];

    [Fact]
    public async Task LinksBackUpTheTreeAreLoopsReadOnce()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "sub", "loop"), "..");
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "loop2"), ".");

        var run = await services.Knowledge().ReindexAsync().WaitAsync(Patience);

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(["harbour.txt", "sub/ferry.txt"], await SourcesAsync(services));
        Assert.Contains("loop2/ is a link back into the seeds folder, a loop; it is passed over.", run.Problems);
        Assert.Contains("sub/loop/ is a link back into the seeds folder, a loop; it is passed over.", run.Problems);
    }

    [Fact]
    public async Task LinksOutOfTheFolderAreNamedAndNotReadUnlessAllowed()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        var outside = Path.Combine(kb.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "private.txt"), "Private Notes\nThe vault code is kept here.");
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "elsewhere"), outside);
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "notes.txt"), Path.Combine(outside, "private.txt"));

        var run = await services.Knowledge().ReindexAsync();
        Assert.Equal(["harbour.txt", "sub/ferry.txt"], await SourcesAsync(services));
        Assert.Contains(run.Problems, p => p.StartsWith("elsewhere/ is a link out of the seeds folder") && p.Contains("Seeds:FollowLinksOutside"));
        Assert.Contains(run.Problems, p => p.StartsWith("notes.txt is a link out of the seeds folder"));

        kb.Stop();
        var allowed = kb.Start(new() { ["Seeds:FollowLinksOutside"] = "true" });
        await allowed.Knowledge().ReindexAsync();
        Assert.Equal(["elsewhere/private.txt", "harbour.txt", "notes.txt", "sub/ferry.txt"], await SourcesAsync(allowed));
    }

    [Fact]
    public async Task ASecondNameForAFolderOrFileInsideIsNotASecondCopy()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "latest"), "sub");
        File.CreateSymbolicLink(Path.Combine(kb.Seeds, "today.txt"), "harbour.txt");

        var run = await services.Knowledge().ReindexAsync();

        Assert.Equal(["harbour.txt", "sub/ferry.txt"], await SourcesAsync(services));
        Assert.Contains("latest/ is a link to sub/, which is read under its own name; it is passed over.", run.Problems);
        Assert.Contains("today.txt is a link to harbour.txt, which is read under its own name; it is passed over.", run.Problems);
    }

    [Fact]
    public async Task FoldersDeeperThanTheLimitAreNamedAndPassedOver()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        var deep = Path.Combine([kb.Seeds, .. Enumerable.Range(1, 4).Select(i => $"d{i}")]);
        Directory.CreateDirectory(deep);
        await File.WriteAllTextAsync(Path.Combine(deep, "deep.txt"), "Deep News\nThe mine reopened.");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "d1", "d2", "shallow.txt"), "Shallow News\nThe pond froze.");

        kb.Stop();
        var limited = kb.Start(new() { ["Seeds:MaxDepth"] = "2" });
        var run = await limited.Knowledge().ReindexAsync();

        Assert.Equal(["d1/d2/shallow.txt", "harbour.txt", "sub/ferry.txt"], await SourcesAsync(limited));
        Assert.Contains("d1/d2/d3/ is deeper than 2 folders (Seeds:MaxDepth); it is passed over.", run.Problems);
    }

    [Fact]
    public async Task AFileOfAnotherKindIsNamed()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "statement.odt"), "an OpenDocument file");
        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, ".gitkeep"), "");

        var run = await services.Knowledge().ReindexAsync();

        Assert.Equal(["statement.odt is not read: sources are .txt, .md, .html, .htm, .pdf, .docx files."], run.Problems);
    }

    [Fact]
    public async Task AnEmptiedFolderKeepsTheIndexUntilRemovingAllIsAskedFor()
    {
        var (kb, services) = await TwoSourcesAsync();
        using var _ = kb;
        await services.Knowledge().ReindexAsync();
        File.Delete(Path.Combine(kb.Seeds, "harbour.txt"));
        File.Delete(Path.Combine(kb.Seeds, "sub", "ferry.txt"));

        var kept = await services.Knowledge().ReindexAsync();
        Assert.False(kept.Succeeded);
        Assert.Contains("would remove 2 of the 2 indexed sources", kept.Error);
        Assert.Contains("index --allow-removing-all", kept.Error);
        Assert.Equal(["harbour.txt", "sub/ferry.txt"], await SourcesAsync(services));
        Assert.Single((await services.Searcher().SearchAsync("harbour opened", 1)).Hits, h => h.Passage.Chunk.Source == "harbour.txt");

        var removed = await services.Knowledge().ReindexAsync(allowRemovingAll: true);
        Assert.True(removed.Succeeded, removed.Error);
        Assert.Equal(2, removed.Removed);
        Assert.Empty(await SourcesAsync(services));
    }

    [Fact]
    public async Task RemovingMoreThanTheShareIsHeldButRemovingSomeIsNot()
    {
        using var kb = new TestKnowledgeBase(); // the five seeds
        var services = kb.Start();
        await services.Knowledge().ReindexAsync();
        var names = Directory.GetFiles(kb.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        File.Delete(names[0]);
        File.Delete(names[1]);
        Assert.True((await services.Knowledge().ReindexAsync()).Succeeded); // 2 of 5
        File.Delete(names[2]);
        File.Delete(names[3]);
        var held = await services.Knowledge().ReindexAsync(); // 2 of 3
        Assert.False(held.Succeeded);
        Assert.Equal(3, (await SourcesAsync(services)).Count);
    }

    [Fact]
    public async Task TheWatcherDoesNotEmptyTheIndexAndHealthSaysWhy()
    {
        var (kb, _) = await TwoSourcesAsync();
        using var __ = kb;
        await using var app = ServeHost.Build(new Dictionary<string, string?>
        {
            ["Seeds:Path"] = kb.Seeds, ["Index:DatabasePath"] = kb.Database, ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Seeds:WatchDebounceMilliseconds"] = "200",
        });
        await ServeHost.StartAsync(app, CancellationToken.None);
        var knowledge = app.Services.GetRequiredService<KnowledgeBase>();
        await knowledge.GetAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal("ok", (await http.GetFromJsonAsync<JsonObject>("/healthz"))!["status"]!.GetValue<string>());

        File.Delete(Path.Combine(kb.Seeds, "harbour.txt"));
        File.Delete(Path.Combine(kb.Seeds, "sub", "ferry.txt"));
        var until = DateTime.UtcNow.AddSeconds(10);
        while (knowledge.Problem is null && DateTime.UtcNow < until) await Task.Delay(100);

        var health = (await http.GetFromJsonAsync<JsonObject>("/healthz"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Contains("would remove 2 of the 2 indexed sources", health["index"]!.GetValue<string>());
        Assert.Equal(2, (await knowledge.Store.SourcesAsync()).Count);

        await File.WriteAllTextAsync(Path.Combine(kb.Seeds, "harbour.txt"), "Harbour News\nThe harbour opened on Monday.");
        until = DateTime.UtcNow.AddSeconds(10);
        while (knowledge.Problem is not null && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal("ok", (await http.GetFromJsonAsync<JsonObject>("/healthz"))!["status"]!.GetValue<string>());
        await app.StopAsync();
    }
}
