using TalksBot.Limits;
using TalksBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TalksBot.Admin;

public static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration("Admin")
            .Validate(o => o.Token is null || o.Token.Length >= 16, "Admin:Token must be at least 16 characters.")
            .Validate(o => o.SessionMinutes > 0 && o.MaxUploadBytes > 0 && o.SignInAttemptsPerMinute > 0, "Admin: SessionMinutes, MaxUploadBytes and SignInAttemptsPerMinute must be positive.")
            .ValidateOnStart();
        builder.AddRecentEvents();
        if (builder.UsesPostgres()) builder.Services.AddSingleton<ISessionStore, PostgresSessionStore>();
        else builder.Services.AddSingleton<ISessionStore, MemorySessionStore>();
        builder.Services.AddSingleton<AdminSessions>();
        return builder;
    }
}
