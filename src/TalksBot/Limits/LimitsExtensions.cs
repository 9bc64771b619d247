using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TalksBot.Storage;

namespace TalksBot.Limits;

public static class LimitsExtensions
{
    /// <summary>The one per-minute counter every limit shares: in memory, or in PostgreSQL for replicas.</summary>
    public static IHostApplicationBuilder AddRecentEvents(this IHostApplicationBuilder builder)
    {
        if (builder.UsesPostgres()) builder.Services.TryAddSingleton<IRecentEvents, PostgresRecentEvents>();
        else builder.Services.TryAddSingleton<IRecentEvents, RecentEvents>();
        return builder;
    }

    public static IHostApplicationBuilder AddFloodGuard(this IHostApplicationBuilder builder)
    {
        builder.AddRecentEvents();
        builder.Services.TryAddSingleton<FloodGuard>();
        return builder;
    }
}
