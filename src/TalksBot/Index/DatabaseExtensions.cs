using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalksBot.Index;

public static class DatabaseExtensions
{
    /// <summary>
    /// The one LiteDatabase of the process (Index:DatabasePath), shared by every LiteDB store: LiteDB is
    /// thread-safe within a process. A second process on the same file is refused by <see cref="DatabaseLock"/>,
    /// named in the message, before LiteDB opens the file.
    /// </summary>
    public static IServiceCollection AddLiteDatabase(this IServiceCollection services) => services
        .AddSingleton(provider => new DatabaseLock(DatabasePath(provider)))
        .AddSingleton(provider =>
        {
            provider.GetRequiredService<DatabaseLock>();
            var path = DatabasePath(provider);
            try
            {
                return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"The database {path} cannot be opened ({e.Message}).", e);
            }
        });

    static string DatabasePath(IServiceProvider provider)
    {
        var path = Path.GetFullPath(provider.GetRequiredService<IOptions<IndexOptions>>().Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
