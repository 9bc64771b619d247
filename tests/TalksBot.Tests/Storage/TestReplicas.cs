using Microsoft.Extensions.DependencyInjection;

namespace TalksBot.Tests.Storage;

/// <summary>
/// Hosts over one store, as replicas: each with a seeds folder of its own (empty), all on one new
/// PostgreSQL database; or, for "litedb", hosts each on their own file.
/// </summary>
public sealed class TestReplicas : IDisposable
{
    readonly List<TestKnowledgeBase> folders = [];
    readonly List<IServiceProvider> services = [];

    /// <param name="serve">Build the `serve` app's services (the admin console's among them), not the console verbs'.</param>
    public static async Task<TestReplicas> StartAsync(PostgresFixture postgres, string provider, int count = 1, Dictionary<string, string?>? settings = null, bool serve = false)
    {
        var all = new Dictionary<string, string?>(settings ?? []);
        foreach (var (key, value) in provider == "postgres" ? await postgres.NewDatabaseAsync() : []) all[key] = value;
        var replicas = new TestReplicas();
        for (var i = 0; i < count; i++)
        {
            var kb = new TestKnowledgeBase(withSeeds: false);
            replicas.folders.Add(kb);
            replicas.services.Add(serve ? kb.BuildServe(all) : kb.Start(all));
        }
        return replicas;
    }

    public int Count => services.Count;

    public T Get<T>(int replica = 0) where T : notnull => services[replica].GetRequiredService<T>();

    public void Dispose() => folders.ForEach(kb => kb.Dispose());
}
