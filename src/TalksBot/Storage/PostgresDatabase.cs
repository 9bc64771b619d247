using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TalksBot.Storage;

/// <summary>
/// The PostgreSQL database every replica shares. The first connection a process opens brings the
/// schema up to date: the numbered scripts in Storage/Migrations not yet applied, in order, each in a
/// transaction under an advisory lock, so replicas starting together migrate once.
/// </summary>
public sealed partial class PostgresDatabase(NpgsqlDataSource dataSource, ILogger<PostgresDatabase> logger) : IAsyncDisposable
{
    /// <summary>Advisory lock keys: one number per purpose, the same in every replica.</summary>
    public const long MigrationLock = 0x7a1b_0001, ReindexLock = 0x7a1b_0002, PollerLock = 0x7a1b_0003, FeedsLock = 0x7a1b_0004, VectorsLock = 0x7a1b_0005;

    readonly SemaphoreSlim gate = new(1, 1);
    volatile bool migrated;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Where the data lives, for people: host, port and database, never the password.</summary>
    public string Location
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    /// <summary>What to tell the operator when the shared database fails: the server's message, never the connection string.</summary>
    public static string Unreachable(Npgsql.NpgsqlException e) =>
        $"The PostgreSQL database (ConnectionStrings:Postgres) could not be used: {e.Message.TrimEnd('.')}. Check that the server runs and the connection string is right.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!migrated) await MigrateAsync(cancellationToken);
        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The schema's version in the database (0 before the first migration).</summary>
    public async Task<int> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>
    /// A session advisory lock, on a connection of its own held until disposed; the server releases it
    /// if this process dies. With <paramref name="wait"/> false, null when another session holds it.
    /// </summary>
    public async Task<IHeldLock?> LockAsync(long key, bool wait, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            if (wait) await connection.ExecuteAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
            else if (!await connection.ScalarAsync<bool>($"SELECT pg_try_advisory_lock({key})", cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }
            return new HeldLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    sealed class HeldLock(NpgsqlConnection connection, long key) : IHeldLock
    {
        public async Task<bool> StillHeldAsync(CancellationToken cancellationToken = default)
        {
            try { return await connection.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = {key >> 32} AND objid = {key & 0xFFFFFFFF} AND granted)", cancellationToken); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { return false; } // the connection is gone, and the lock with it
        }

        public async ValueTask DisposeAsync()
        {
            try { await connection.ExecuteAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { } // the connection is gone, and the lock with it
            await connection.DisposeAsync();
        }
    }

    async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (migrated) return;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
            await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection);
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken));
            foreach (var migration in Migrations.Where(m => m.Version > version))
            {
                await Execute(connection, migration.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection)
                {
                    Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
                };
                await record.ExecuteNonQueryAsync(cancellationToken);
                LogMigrated(logger, migration.Version, migration.Name);
            }
            await transaction.CommitAsync(cancellationToken);
            migrated = true;
        }
        finally
        {
            gate.Release();
        }
    }

    static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Embedded scripts named "NNN-what.sql", by number.</summary>
    static List<(int, string, string)> LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "TalksBot.Migrations.";
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^".sql".Length];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(name[..name.IndexOf('-')]), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)];
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema migrated to version {Version} ({Name})")]
    static partial void LogMigrated(ILogger logger, int version, string name);
}
