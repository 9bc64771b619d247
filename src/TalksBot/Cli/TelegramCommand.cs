using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using TalksBot.Telegram;

namespace TalksBot.Cli;

/// <summary>`telegram webhook set|delete`: points Telegram at Telegram:WebhookUrl with the secret, or back to polling.</summary>
public static class TelegramCommand
{
    public static Command Create()
    {
        var set = new Command("set", "Register Telegram:WebhookUrl (with Telegram:WebhookSecret) with Telegram.");
        set.SetAction((_, cancellationToken) => Run(async (bot, o) =>
        {
            if (string.IsNullOrWhiteSpace(o.WebhookUrl) || string.IsNullOrWhiteSpace(o.WebhookSecret))
            {
                await Console.Error.WriteLineAsync("Set Telegram:WebhookUrl (https://your.host/telegram/webhook) and Telegram:WebhookSecret first.");
                return 2;
            }
            await bot.SetWebhook(o.WebhookUrl, secretToken: o.WebhookSecret, cancellationToken: cancellationToken);
            Console.WriteLine($"Telegram now posts updates to {o.WebhookUrl}.");
            return 0;
        }));
        var delete = new Command("delete", "Remove the webhook (pending updates are kept); long polling works again.");
        delete.SetAction((_, cancellationToken) => Run(async (bot, _) =>
        {
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: cancellationToken);
            Console.WriteLine("The webhook is removed; use Telegram:Mode = polling.");
            return 0;
        }));
        return new Command("telegram", "Telegram set-up.") { new Command("webhook", "Set or delete the webhook.") { set, delete } };
    }

    static Task<int> Run(Func<ITelegramBotClient, TelegramOptions, Task<int>> work) => CliHost.RunAsync(async services =>
    {
        var options = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (!options.Enabled)
        {
            await Console.Error.WriteLineAsync("Telegram:Token is not set (TALKSBOT__TELEGRAM__TOKEN).");
            return 2;
        }
        try
        {
            return await work(services.GetRequiredService<ITelegramBotClient>(), options);
        }
        catch (Exception e) when (e is global::Telegram.Bot.Exceptions.ApiRequestException or global::Telegram.Bot.Exceptions.RequestException)
        {
            await Console.Error.WriteLineAsync($"Telegram refused: {e.Message}");
            return 1;
        }
    });
}
