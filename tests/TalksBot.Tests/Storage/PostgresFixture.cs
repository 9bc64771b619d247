using TalksBot.Bench;

namespace TalksBot.Tests.Storage;

/// <summary>
/// One real PostgreSQL server for the test run, each test in a database of its own. When the server
/// cannot start (the package missing), every test that needs it fails with the reason: none is skipped.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL did not start.");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }

    /// <summary>Settings that put a host on a new, empty database of this server.</summary>
    public async Task<Dictionary<string, string?>> NewDatabaseAsync() => new()
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Postgres"] = await Server.CreateDatabaseAsync(),
    };
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
