using TalksBot.Index;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalksBot.Storage;

public static class DatabaseExtensions
{
    /// <summary>
    /// The one LiteDatabase of the process (Index:DatabasePath), shared by every LiteDB store: LiteDB is
    /// thread-safe within a process. A second process on the same file is refused by <see cref="DatabaseLock"/>,
    /// named in the message, before LiteDB opens the file.
    /// </summary>
    public static IServiceCollection AddLiteDatabase(this IServiceCollection services) => services
        .AddSingleton<LiteDbWriteLock>()
        .AddSingleton<LiteDbGroupCommit>()
        .AddSingleton(provider => new DatabaseLock(DatabasePath(provider)))
        .AddSingleton(provider =>
        {
            provider.GetRequiredService<DatabaseLock>();
            return Open(DatabasePath(provider));
        });

    /// <summary>
    /// Opens the file only if it is empty, missing or a LiteDB file (anything else is left as it is), and
    /// reads it once, so that a damaged file is named at start with what to do, not met later as a crash.
    /// </summary>
    static LiteDatabase Open(string path)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0 && !IsLiteDb(path))
            throw new DatabaseUnusableException($"{path} is not a TalksBot database (not a LiteDB file), so it was left untouched. " +
                "Point Index:DatabasePath at another file, or move this one away; the index is rebuilt from seeds/.");
        LiteDatabase? db = null;
        try
        {
            db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
            // Dates come back as UTC, as they are stored and compared (LiteDB's default turns them to the machine's local time).
            if (!db.UtcDate) db.UtcDate = true;
            // Every collection counted through its id index: a truncated or overwritten file fails here, at start.
            foreach (var name in db.GetCollectionNames().ToList()) _ = db.GetCollection(name).Count();
            return db;
        }
        catch (UnauthorizedAccessException e)
        {
            db?.Dispose();
            throw new DatabaseUnusableException($"The database {path} cannot be written ({e.Message}). Make it writable for this process.", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            db?.Dispose();
            throw DatabaseUnusableException.Damaged(path, e);
        }
    }

    /// <summary>LiteDB writes its name into the first page of every file it makes.</summary>
    static bool IsLiteDb(string path)
    {
        var header = new byte[64];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return read >= 59 && System.Text.Encoding.ASCII.GetString(header, 32, 27) == "** This is a LiteDB file **";
    }

    static string DatabasePath(IServiceProvider provider)
    {
        var path = Path.GetFullPath(provider.GetRequiredService<IOptions<IndexOptions>>().Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The file itself, however it is reached: a link to it is the same database, under the same lock.
        return Storage.RealPath.Of(path);
    }
}
