using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace TalksBot.Cli;

/// <summary>`serve`: runs the bot's front ends until stopped (Ctrl-C, SIGTERM), finishing what is in flight.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run every configured front end (Telegram, …) and /healthz until stopped.");
        command.SetAction((_, cancellationToken) => CliHost.ExitCodeOfAsync(async () =>
        {
            await using var app = ServeHost.Build();
            await ServeHost.StartAsync(app, cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return app.Services.GetService<Storage.DatabaseWatchdog>() is { StoppedForRestart: true } ? Storage.DatabaseWatchdog.ExitCode : 0;
        }));
        return command;
    }
}
