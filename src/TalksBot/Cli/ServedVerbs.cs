using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Cli;

/// <summary>What a verb prints and its exit code, made where the index is: in this process, or in the `serve` that holds the database.</summary>
public sealed record VerbOutput(int Exit, string Out, string Err = "");

/// <param name="progress">How an index build the verb makes goes, told only where it runs in the person's own terminal.</param>
public delegate Task<VerbOutput> Verb(IServiceProvider services, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken);

/// <summary>
/// `ask`, `search`, `status` and `index` while `serve` holds the LiteDB file: instead of refusing ("in use"),
/// the verb sends its arguments to that `serve` (the address and a token it wrote beside the database, mode 600)
/// and prints what it answers. The routes answer only loopback requests with the token, and 404 otherwise.
/// </summary>
public sealed class ServedVerbs
{
    const string Route = "/local/verbs";

    static readonly Dictionary<string, Verb> All = new()
    {
        ["ask"] = AskCommand.RunAsync,
        ["search"] = SearchCommand.RunAsync,
        ["status"] = StatusCommand.RunAsync,
        ["index"] = IndexCommand.RunAsync,
        ["sources add"] = SourcesCommand.AddAsync,
        ["feeds add"] = FeedsCommand.AddAsync,
        ["feeds list"] = FeedsCommand.ListAsync,
        ["feeds remove"] = FeedsCommand.RemoveAsync,
        ["feeds poll"] = FeedsCommand.PollAsync,
        ["questions export"] = QuestionsCommand.ExportAsync,
    };

    /// <summary>Made for this run of `serve`; a verb learns it from the file beside the database.</summary>
    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public void Map(IEndpointRouteBuilder app) => app.MapPost(Route + "/{*name}", async (string name, HttpContext context, CancellationToken cancellationToken) =>
    {
        var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
        if (context.Connection.RemoteIpAddress is not { } from || !System.Net.IPAddress.IsLoopback(from)
            || !CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes("Bearer " + Token)) || !All.TryGetValue(name, out var verb))
            return Results.NotFound();
        JsonObject? args;
        try { args = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken) as JsonObject; }
        catch (System.Text.Json.JsonException) { args = null; }
        if (args is null) return Results.BadRequest();
        return Results.Json(await verb(context.RequestServices, args, null, cancellationToken));
    });

    /// <summary>Runs a verb here, or, when `serve` holds the database, there; prints its output and returns its exit code.</summary>
    public static Task<int> RunAsync(string name, JsonObject args, IProgress<IndexProgress>? progress, CancellationToken cancellationToken) =>
        CliHost.ExitCodeOfAsync(async () =>
        {
            VerbOutput output;
            try
            {
                using var host = CliHost.Build();
                output = await All[name](host.Services, args, progress, cancellationToken);
            }
            catch (DatabaseInUseException e) when (DatabaseLock.Holder(e.DatabasePath) is { } holder)
            {
                output = await RemoteAsync(holder, name, args, e, cancellationToken);
            }
            await Console.Out.WriteAsync(output.Out);
            await Console.Error.WriteAsync(output.Err);
            return output.Exit;
        });

    static async Task<VerbOutput> RemoteAsync((string Url, string Token) holder, string name, JsonObject args, DatabaseInUseException inUse, CancellationToken cancellationToken)
    {
        // An answer may wait for an LLM, an index run for every source: no short timeout.
        using var http = new HttpClient { BaseAddress = new Uri(holder.Url), Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", holder.Token);
        try
        {
            using var response = await http.PostAsJsonAsync($"{Route}/{Uri.EscapeDataString(name)}", args, cancellationToken);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<VerbOutput>(cancellationToken) is { } output) return output;
            throw new HttpRequestException($"it answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            throw new DatabaseUnusableException($"{inUse.Message} Asking it at {holder.Url} instead failed ({e.Message}).", e);
        }
    }
}
