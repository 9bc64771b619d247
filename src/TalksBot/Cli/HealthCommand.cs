using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace TalksBot.Cli;

/// <summary>`health`: asks the running `serve` on Serve:Urls for /healthz; exit 0 when healthy (the container's HEALTHCHECK).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var command = new Command("health", "Check that the running serve answers /healthz.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables("TALKSBOT__").Build();
            var url = ServeUrls.Local(configuration["Serve:Urls"]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                var response = await http.GetAsync(url + "/healthz", cancellationToken);
                Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"{url}/healthz did not answer: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
