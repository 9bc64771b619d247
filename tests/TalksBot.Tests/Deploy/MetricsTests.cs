using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Cli;

namespace TalksBot.Tests.Deploy;

public class MetricsTests
{
    [Fact]
    public async Task ServeExportsQuestionsRefusalsLatencyAndReindexRunsForPrometheus()
    {
        using var kb = new TestKnowledgeBase();
        await using var app = ServeHost.Build(new Dictionary<string, string?>
        {
            ["Seeds:Path"] = kb.Seeds, ["Index:DatabasePath"] = kb.Database, ["Serve:Urls"] = "http://127.0.0.1:0",
        });
        await ServeHost.StartAsync(app, CancellationToken.None);
        await app.Services.GetRequiredService<TalksBot.Index.KnowledgeBase>().ReindexAsync();
        var answers = app.Services.GetRequiredService<AnswerService>();
        await answers.AskAsync("Who is Rustem Umerov?", asker: new Asker("telegram", "1"));
        await answers.AskAsync("Who won the World Cup?", asker: new Asker("telegram", "1"));

        using var http = new HttpClient();
        var text = "";
        for (var i = 0; i < 40 && !(text.Contains("talksbot_refusals") && text.Contains("talksbot_reindex_runs")); i++)
        {
            await Task.Delay(250);
            text = await http.GetStringAsync(app.Urls.First() + "/metrics");
        }

        Assert.Matches(@"talksbot_questions_total\{[^}]*front_end=""telegram""[^}]*refused=""true""[^}]*\} 1", text);
        Assert.Matches(@"talksbot_refusals_total\{[^}]*\} 1", text);
        Assert.Contains("talksbot_answer_latency_milliseconds_bucket", text);
        Assert.Matches(@"talksbot_reindex_runs_total\{[^}]*outcome=""completed""[^}]*\} [1-9]", text);
        Assert.DoesNotContain("Rustem", text);
        Assert.Contains("service_name=\"talksbot\"", text);
        Assert.DoesNotContain("unknown_service", text);
        await app.StopAsync();
    }
}
