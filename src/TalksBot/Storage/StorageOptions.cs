namespace TalksBot.Storage;

/// <summary>
/// Where shared state lives (section "Storage"): "litedb", one file for one process (the default), or
/// "postgres", one PostgreSQL database for several replicas (ConnectionStrings:Postgres).
/// </summary>
public sealed class StorageOptions
{
    public const string LiteDb = "litedb";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = LiteDb;

    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
