using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalksBot.Index;

public static class DatabaseExtensions
{
    /// <summary>
    /// The one LiteDatabase of the process (Index:DatabasePath), shared by every LiteDB store: LiteDB
    /// is thread-safe within a process, and a second instance on the same file would fail to open it.
    /// </summary>
    public static IServiceCollection AddLiteDatabase(this IServiceCollection services) => services.AddSingleton(provider =>
    {
        var path = Path.GetFullPath(provider.GetRequiredService<IOptions<IndexOptions>>().Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The database {path} cannot be opened ({e.Message}). Is another TalksBot process using it?", e);
        }
    });
}
