using TalksBot.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TalksBot.Admin;
using TalksBot.Answer;
using TalksBot.Discord;
using TalksBot.Index;
using TalksBot.Sources;
using TalksBot.Telegram;

namespace TalksBot.Cli;

/// <summary>The host behind a console verb: the same configuration and services as `serve`, quieter logs.</summary>
public static class CliHost
{
    /// <param name="settings">Settings that win over every other source (tests and the benchmark set paths here).</param>
    /// <param name="services">Last word on the services (tests put a clock they control here).</param>
    public static IHost Build(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // appsettings.json travels with the program; relative paths in it mean the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.AddTalksBotConfiguration();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        // A verb prints its own results on stdout; logs go to stderr, and only when something is wrong.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddTalksBot();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Every feature with its options, bound and validated once, for `serve` and every verb alike: `config check` reports
    /// exactly what `serve` would refuse.
    /// </summary>
    public static IHostApplicationBuilder AddTalksBot(this IHostApplicationBuilder builder)
    {
        builder.AddKnowledgeBase();
        builder.AddAnswers();
        builder.AddTelegram();
        builder.AddDiscord();
        builder.AddAdmin();
        builder.AddSources();
        builder.AddFeeds();
        return builder;
    }

    /// <summary>TALKSBOT__SECTION__KEY environment variables override appsettings.json.</summary>
    public static IHostApplicationBuilder AddTalksBotConfiguration(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("TALKSBOT__");
        return builder;
    }

    /// <summary>Runs a verb's work on its own host.</summary>
    public static Task<int> RunAsync(Func<IServiceProvider, Task<int>> work) => ExitCodeOfAsync(async () =>
    {
        using var host = Build();
        return await work(host.Services);
    });

    /// <summary>
    /// The one mapping from what can stop any verb (`serve` included) to a message and an exit code: 2 for a configuration
    /// mistake, 1 for what the machine refused (a database, a port); a line each, never a stack trace.
    /// </summary>
    public static async Task<int> ExitCodeOfAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", e.Failures));
            return 2;
        }
        catch (InvalidOperationException e) when (e is Storage.DatabaseUnusableException || e.InnerException is IOException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Npgsql.NpgsqlException e)
        {
            await Console.Error.WriteLineAsync(Storage.PostgresDatabase.Unreachable(e));
            return 1;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"{e.Message.TrimEnd('.')}: another program is listening there. Stop it, or set Serve:Urls (TALKSBOT__SERVE__URLS) to a free address.");
            return 1;
        }
    }
}
