using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalksBot.Admin;
using TalksBot.Answer;
using TalksBot.Discord;
using TalksBot.Index;
using TalksBot.Ingest;
using TalksBot.Llm;
using TalksBot.Search;
using TalksBot.Storage;
using TalksBot.Telegram;

namespace TalksBot.Cli;

/// <summary>`config check`: validates the configuration and says exactly what is wrong, never printing a secret.</summary>
public static partial class ConfigCommand
{
    [GeneratedRegex(@"^\d{5,}:[A-Za-z0-9_-]{30,}$")]
    private static partial Regex TelegramToken();

    public static Command Create()
    {
        var check = new Command("check", "Validate appsettings.json and TALKSBOT__ environment variables.");
        check.SetAction((parsed, cancellationToken) => CliHost.RunAsync(async services =>
        {
            var problems = new List<string>();
            void Validate<T>() where T : class
            {
                try { _ = services.GetRequiredService<IOptions<T>>().Value; }
                catch (OptionsValidationException e) { problems.AddRange(e.Failures); }
            }
            Validate<SeedsOptions>(); Validate<IndexOptions>(); Validate<SearchOptions>(); Validate<AnswerOptions>();
            Validate<OpenAIOptions>(); Validate<TelegramOptions>(); Validate<DiscordOptions>(); Validate<AdminOptions>(); Validate<StorageOptions>();
            var database = services.GetService<PostgresDatabase>();
            if (database is not null)
            {
                // Connecting also brings the schema up to date, as `serve` would at start.
                try { await database.VersionAsync(cancellationToken); }
                catch (Npgsql.NpgsqlException e) { problems.Add(PostgresDatabase.Unreachable(e)); }
            }

            var configuration = services.GetRequiredService<IConfiguration>();
            // The sections as bound (defaults included), without their validation, which was reported above.
            T Section<T>(string name) where T : new() => configuration.GetSection(name).Get<T>() ?? new T();
            var seeds = Path.GetFullPath(Section<SeedsOptions>("Seeds").Path);
            if (!Directory.Exists(seeds)) problems.Add($"Seeds:Path: the folder {seeds} does not exist.");
            var telegram = Section<TelegramOptions>("Telegram");
            if (telegram.Enabled && !TelegramToken().IsMatch(telegram.Token!)) problems.Add("Telegram:Token does not look like a BotFather token (digits, a colon, then 30 or more letters, digits, - or _).");
            if (telegram is { Enabled: true, Mode: "webhook" } && !(Uri.TryCreate(telegram.WebhookUrl, UriKind.Absolute, out var hook) && hook.Scheme == "https"))
                problems.Add("Telegram:WebhookUrl must be an https:// URL ending in /telegram/webhook in webhook mode.");
            var discord = Section<DiscordOptions>("Discord");
            if (discord.Enabled && !(discord.ApplicationId ?? "").All(char.IsDigit)) problems.Add("Discord:ApplicationId must be the application's numeric id.");
            var urls = configuration["Serve:Urls"] ?? ServeUrls.Default;
            foreach (var (text, _) in ServeUrls.Parse(urls).Where(u => u.Uri is null)) problems.Add($"Serve:Urls: \"{text}\" is not a URL.");
            foreach (var proxy in ServeHost.TrustedProxies(configuration).Where(p => !System.Net.IPAddress.TryParse(p, out _)))
                problems.Add($"Serve:TrustedProxies: \"{proxy}\" is not an IP address.");

            if (problems.Count > 0)
            {
                Console.WriteLine($"The configuration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
                foreach (var problem in problems) Console.WriteLine("  - " + problem);
                return 2;
            }
            var admin = string.IsNullOrWhiteSpace(configuration["Admin:Token"]) ? "a token made at start (loopback only)" : "Admin:Token";
            Console.WriteLine("The configuration is valid.");
            Console.WriteLine(database is null
                ? $"  seeds {seeds}; database {Path.GetFullPath(Section<IndexOptions>("Index").DatabasePath)}"
                : $"  storage: PostgreSQL at {database.Location}, shared by every replica (the seeds folder {seeds} is taken in once)");
            Console.WriteLine($"  answers: {Section<AnswerOptions>("Answer").Engine}; embeddings: {Section<OpenAIOptions>("OpenAI").EmbeddingModel ?? "off"}");
            Console.WriteLine($"  Telegram: {(telegram.Enabled ? telegram.Mode : "off")}; Discord: {(discord.Enabled ? "on" : "off")}; admin console: {admin}; listening on {urls}");
            return 0;
        }));
        return new Command("config", "Configuration.") { check };
    }
}
