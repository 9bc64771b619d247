using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TalksBot.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Storage:Provider, and with "postgres" the shared database (ConnectionStrings:Postgres). Each
    /// feature registers its own store for the provider, through <see cref="UsesPostgres"/>.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => o.Provider is StorageOptions.LiteDb or StorageOptions.Postgres, "Storage:Provider must be \"litedb\" or \"postgres\".")
            .Validate(o => !o.UsesPostgres || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres")),
                "Storage:Provider is postgres, so ConnectionStrings:Postgres (TALKSBOT__CONNECTIONSTRINGS__POSTGRES) must be set.")
            .ValidateOnStart();
        if (!builder.UsesPostgres()) return builder;
        builder.Services.AddSingleton(provider =>
        {
            // Validated here too, since the console verbs do not start the host: no connection string is a configuration error.
            _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("Postgres")!);
        });
        builder.Services.AddSingleton<PostgresDatabase>();
        return builder;
    }

    public static bool UsesPostgres(this IHostApplicationBuilder builder) =>
        string.Equals(builder.Configuration["Storage:Provider"], StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);
}
