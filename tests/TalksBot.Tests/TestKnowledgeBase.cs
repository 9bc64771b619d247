using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalksBot.Cli;
using TalksBot.Index;
using TalksBot.Search;

namespace TalksBot.Tests;

/// <summary>
/// A knowledge base on disk for one test: its own seeds folder (a copy of the repository's seeds,
/// or empty) and its own LiteDB file, built through the same host as the console verbs.
/// </summary>
public sealed class TestKnowledgeBase : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("talksbot-test-").FullName;
    public string Seeds => Path.Combine(Root, "seeds");
    public string Database => Path.Combine(Root, "data", "talksbot.db");
    readonly List<IHost> hosts = [];

    public TestKnowledgeBase(bool withSeeds = true)
    {
        Directory.CreateDirectory(Seeds);
        if (withSeeds)
            foreach (var file in Directory.GetFiles(RepositorySeeds())) File.Copy(file, Path.Combine(Seeds, Path.GetFileName(file)));
    }

    /// <summary>A knowledge base of just these files, started, with its answering service.</summary>
    public static async Task<(TestKnowledgeBase Kb, TalksBot.Answer.AnswerService Answers)> Answering(params (string Name, string Text)[] files)
    {
        var kb = new TestKnowledgeBase(withSeeds: false);
        foreach (var (name, text) in files) await File.WriteAllTextAsync(Path.Combine(kb.Seeds, name), text);
        return (kb, kb.Start().GetRequiredService<TalksBot.Answer.AnswerService>());
    }

    /// <summary>A new host over the same folder and database: what a restarted process would see.</summary>
    public IServiceProvider Start(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["Seeds:Path"] = Seeds, ["Index:DatabasePath"] = Database };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var host = CliHost.Build(all, services);
        hosts.Add(host);
        return host.Services;
    }

    /// <summary>The `serve` app's services over the same folder and database (built, not started): the admin console's among them.</summary>
    public IServiceProvider BuildServe(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Seeds:Path"] = Seeds, ["Index:DatabasePath"] = Database, ["Serve:Urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var app = ServeHost.Build(all);
        hosts.Add(app);
        return app.Services;
    }

    public void Stop()
    {
        foreach (var host in hosts) host.Dispose();
        hosts.Clear();
    }

    public static string RepositorySeeds() => Path.Combine(RepositoryRoot(), "seeds");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) return dir.FullName;
        throw new InvalidOperationException("Bot.sln not found above the test binaries.");
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public static class ServiceProviderExtensions
{
    public static KnowledgeBase Knowledge(this IServiceProvider services) => services.GetRequiredService<KnowledgeBase>();

    public static Searcher Searcher(this IServiceProvider services) => services.GetRequiredService<Searcher>();
}
