using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalksBot.Discord;

/// <summary>
/// The few Discord REST calls the bot makes: edit the deferred response, send follow-ups, overwrite
/// the slash commands. A 429 is waited out (retry_after), a bucket Discord reports empty
/// (X-RateLimit-Remaining: 0) is waited for before the next call, and 5xx or network failures are
/// retried with backoff.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
{
    const int Attempts = 5;
    DateTime blockedUntil = DateTime.MinValue;

    public Task EditOriginalAsync(string applicationId, string token, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/@original", message, authorize: false, cancellationToken);

    public Task FollowUpAsync(string applicationId, string token, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"webhooks/{applicationId}/{token}", message, authorize: false, cancellationToken);

    /// <summary>Bulk overwrite: the commands become exactly these, however often it runs.</summary>
    public Task OverwriteCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, guildId is null ? $"applications/{applicationId}/commands" : $"applications/{applicationId}/guilds/{guildId}/commands",
            commands, authorize: true, cancellationToken);

    async Task SendAsync(HttpMethod method, string path, JsonNode body, bool authorize, CancellationToken cancellationToken)
    {
        var url = options.Value.ApiBaseUrl.TrimEnd('/') + "/" + path;
        for (var attempt = 1; ; attempt++)
        {
            var wait = blockedUntil - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            if (authorize) request.Headers.TryAddWithoutValidation("Authorization", "Bot " + options.Value.BotToken);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < Attempts)
            {
                LogRetry(logger, path.Split('/')[0], attempt, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), cancellationToken);
                continue;
            }
            using (response)
            {
                NoteBucket(response);
                if (response.IsSuccessStatusCode) return;
                if (attempt < Attempts && response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(await RetryAfterAsync(response, cancellationToken), cancellationToken);
                    continue;
                }
                if (attempt < Attempts && (int)response.StatusCode >= 500)
                {
                    LogRetry(logger, path.Split('/')[0], attempt, ((int)response.StatusCode).ToString());
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), cancellationToken);
                    continue;
                }
                throw new HttpRequestException($"Discord answered {(int)response.StatusCode} to {method} {path.Split('/')[0]}/…", null, response.StatusCode);
            }
        }
    }

    void NoteBucket(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault() == "0"
            && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var reset)
            && double.TryParse(reset.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            blockedUntil = DateTime.UtcNow.AddSeconds(Math.Min(seconds, 60));
    }

    static async Task<TimeSpan> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body?["retry_after"]?.GetValue<double>() is { } seconds) return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException) { }
        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} call failed ({Reason}), attempt {Attempt}; retrying")]
    static partial void LogRetry(ILogger logger, string route, int attempt, string reason);
}
