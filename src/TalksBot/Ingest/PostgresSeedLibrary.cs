using Microsoft.Extensions.Options;
using TalksBot.Storage;

namespace TalksBot.Ingest;

/// <summary>
/// The source texts in the shared PostgreSQL store (table seed_files), the same for every replica.
/// The first time a replica with texts in its seeds folder reads it, that folder is taken in, once (a
/// replica deployed without texts takes nothing in, and leaves the taking in to one that has them);
/// from then on the admin console's uploads and removals are what change it.
/// </summary>
public sealed class PostgresSeedLibrary(PostgresDatabase database, SeedReader folder, IOptions<SeedsOptions> options) : ISeedLibrary
{
    volatile bool imported;

    public string Location => $"{database.Location} (seed_files)";

    public async Task<SeedSet> ReadAsync(IReadOnlyDictionary<string, SeedStamp>? stamps = null, CancellationToken cancellationToken = default)
    {
        await ImportOnceAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // A text over the size limit is named without its bytes being fetched.
        await using var command = connection.Command(
            "SELECT name, octet_length(content), CASE WHEN octet_length(content) <= $1 THEN content END FROM seed_files ORDER BY name COLLATE \"C\"",
            options.Value.MaxFileBytes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string Name, long Size, byte[]? Bytes)>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)));
        var metadata = rows.Find(r => r.Name == options.Value.MetadataFile).Bytes;
        var (overrides, problem) = SeedReader.Overrides(metadata, options.Value.MetadataFile);
        var files = rows.Where(r => SeedReader.IsSource(r.Name))
            .Select(r => r.Bytes is null
                ? SeedReader.TooLarge(r.Name, r.Size, options.Value.MaxFileBytes, overrides.GetValueOrDefault(r.Name))
                : SeedReader.FromBytes(r.Name, r.Bytes, overrides.GetValueOrDefault(r.Name)))
            .ToList();
        return new SeedSet(files, problem, [], SeedReader.Hash(metadata), []);
    }

    public async Task<SaveOutcome> SaveAsync(string name, byte[] bytes, bool replace, CancellationToken cancellationToken = default)
    {
        await ImportOnceAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!replace)
            return await connection.ExecuteAsync("INSERT INTO seed_files (name, content) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", cancellationToken, name, bytes) == 1
                ? SaveOutcome.Saved : SaveOutcome.Exists;
        // xmax is 0 on a row this statement inserted, the updating transaction's id on one it replaced.
        return await connection.ScalarAsync<bool>(
            "INSERT INTO seed_files (name, content) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET content = excluded.content, saved_at = now() RETURNING xmax = 0",
            cancellationToken, name, bytes) ? SaveOutcome.Saved : SaveOutcome.Replaced;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await ImportOnceAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM seed_files WHERE name = $1", cancellationToken, name) > 0;
    }

    /// <summary>Read and written under the row's lock, so replicas setting entries at once keep each other's.</summary>
    public async Task<bool> SetMetadataAsync(string name, SourceOverride entry, CancellationToken cancellationToken = default)
    {
        await ImportOnceAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var file = options.Value.MetadataFile;
        await connection.ExecuteAsync("INSERT INTO seed_files (name, content) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", cancellationToken, file, "{}"u8.ToArray());
        var current = await connection.ScalarAsync<byte[]>("SELECT content FROM seed_files WHERE name = $1 FOR UPDATE", cancellationToken, file);
        if (SeedReader.WithEntry(current, name, entry) is not { } updated) return false;
        await connection.ExecuteAsync("UPDATE seed_files SET content = $2, saved_at = now() WHERE name = $1", cancellationToken, file, updated);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The mark and the texts in one transaction: replicas starting together take the folder in once, and a removal is never undone by a later import.</summary>
    async Task ImportOnceAsync(CancellationToken cancellationToken)
    {
        if (imported) return;
        await using var connection = await database.OpenAsync(cancellationToken);
        // Taken in already (by any replica): the folder is not read at all.
        if (await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM index_meta WHERE key = 'seeds_imported')", cancellationToken))
        {
            imported = true;
            return;
        }
        var contents = folder.Contents().ToList();
        if (!contents.Exists(c => SeedReader.IsSource(c.Name))) return;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var first = await connection.ExecuteAsync("INSERT INTO index_meta VALUES ('seeds_imported', now()::text) ON CONFLICT (key) DO NOTHING", cancellationToken) == 1;
        if (first)
            foreach (var (name, bytes) in contents)
                await connection.ExecuteAsync("INSERT INTO seed_files (name, content) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", cancellationToken, name, bytes);
        await transaction.CommitAsync(cancellationToken);
        imported = true;
    }
}
