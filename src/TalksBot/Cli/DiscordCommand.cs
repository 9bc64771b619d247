using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalksBot.Discord;

namespace TalksBot.Cli;

/// <summary>`discord register [--guild ID]`: installs /ask, /sources and /help (a bulk overwrite, so running it again changes nothing).</summary>
public static class DiscordCommand
{
    public static Command Create()
    {
        var guild = new Option<string?>("--guild") { Description = "Register for one server (instant) instead of globally (may take up to an hour to show)." };
        var register = new Command("register", "Register the slash commands with Discord.") { guild };
        register.SetAction((result, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.ApplicationId) || string.IsNullOrWhiteSpace(options.BotToken))
            {
                await Console.Error.WriteLineAsync("Set Discord:ApplicationId and Discord:BotToken first (TALKSBOT__DISCORD__APPLICATIONID, TALKSBOT__DISCORD__BOTTOKEN).");
                return 2;
            }
            try
            {
                await services.GetRequiredService<DiscordRestClient>().OverwriteCommandsAsync(options.ApplicationId, result.GetValue(guild), DiscordCommands.Definitions(), cancellationToken);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"Discord refused the commands: {e.Message}");
                return 1;
            }
            Console.WriteLine(result.GetValue(guild) is { } id ? $"Registered /ask, /sources and /help for server {id}." : "Registered /ask, /sources and /help globally.");
            return 0;
        }));
        return new Command("discord", "Discord set-up.") { register };
    }
}
