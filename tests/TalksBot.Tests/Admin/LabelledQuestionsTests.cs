using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Questions;

namespace TalksBot.Tests.Admin;

/// <summary>Records labelled in the console become test questions: checked by the console, exported by `questions export --labelled`, scored by the shared scorer alike.</summary>
public class LabelledQuestionsTests
{
    static async Task<int> IdOfAsync(IQuestionLog log, string question) =>
        (await log.FindAsync(new QuestionQuery(Text: question))).Items.Single(r => r.Question == question).Id;

    [Fact]
    public async Task TheConsolesCheckAndTheExportedSetScoredByTheScorerAgree()
    {
        await using var admin = await AdminApp.StartAsync();
        var answers = admin.App.Services.GetRequiredService<AnswerService>();
        var log = admin.App.Services.GetRequiredService<IQuestionLog>();
        string[] asked = ["How many bodies will Ukraine return to Russia?", "Who won the World Cup?", "Who is Rustem Umerov?", "What did the talks agree on prisoners?"];
        foreach (var q in asked) await answers.AskAsync(q, asker: new Asker("telegram", "u"));
        async Task<System.Net.HttpStatusCode> Label(string question, object body) =>
            (await admin.Client.SendAsync(admin.Request(HttpMethod.Put, $"/admin/api/questions/{await IdOfAsync(log, question)}/label", JsonContent.Create(body)))).StatusCode;

        Assert.Equal(System.Net.HttpStatusCode.OK, await Label(asked[0], new { must = "6,000|6000; bodies" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, await Label(asked[1], new { refuse = true }));
        Assert.Equal(System.Net.HttpStatusCode.OK, await Label(asked[2], new { must = "zeppelin" })); // a word no answer holds: answered wrongly
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, await Label(asked[3], new { must = " ; |" }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await admin.Client.SendAsync(admin.Request(HttpMethod.Put, "/admin/api/questions/99999/label", JsonContent.Create(new { refuse = true })))).StatusCode);
        Assert.Equal(3, (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/questions?labelled=true"))!["total"]!.GetValue<int>());

        var check = (await (await admin.Client.SendAsync(admin.Request(HttpMethod.Post, "/admin/api/questions/check"))).Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((2, 1, 1, 1, 2, 1), (check["answerable"]!.GetValue<int>(), check["answerableCorrect"]!.GetValue<int>(), check["unanswerable"]!.GetValue<int>(),
            check["refused"]!.GetValue<int>(), check["answered"]!.GetValue<int>(), check["answeredWrongly"]!.GetValue<int>()));
        // The check is not a person's question: the log holds the four asked, no more.
        Assert.Equal(4, (await admin.Client.GetFromJsonAsync<JsonNode>("/admin/api/questions"))!["total"]!.GetValue<int>());

        // The same set, exported by the verb (from the running serve, as an operator would) and run through `ask --json --batch` and the shared scorer.
        var environment = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = admin.Knowledge.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = admin.Knowledge.Database };
        var exported = await TalksBotProcess.RunAsync(admin.Knowledge.Root, environment, "questions", "export", "--labelled");
        Assert.True(exported.Exit == 0, exported.Err);
        var lines = exported.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([asked[0], asked[1], asked[2]], lines.Select(l => l["question"]!.GetValue<string>()));
        Assert.Equal([["6,000", "6000"], ["bodies"]], lines[0]["must"]!.AsArray().Select(g => g!.AsArray().Select(w => w!.GetValue<string>()).ToArray()).ToArray());
        Assert.False(lines[1]["answerable"]!.GetValue<bool>());
        Assert.NotEmpty(lines[0]["gold"]!.AsArray());
        Assert.Empty(lines[2]["gold"]!.AsArray()); // no source holds the word
        var set = Path.Combine(admin.Knowledge.Root, "labelled.jsonl");
        await File.WriteAllTextAsync(set, exported.Out);
        var batch = await TalksBotProcess.RunAsync(admin.Knowledge.Root, environment, "ask", "--json", "--batch", set);
        Assert.Equal(0, batch.Exit);
        var output = Path.Combine(admin.Knowledge.Root, "answers.jsonl");
        await File.WriteAllTextAsync(output, batch.Out);

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(Path.GetDirectoryName(TalksBot.Bench.DevSet.Find()!)!, "score.py"), set, output, admin.Knowledge.Seeds }) start.ArgumentList.Add(a);
        using var scorer = Process.Start(start)!;
        var printed = await scorer.StandardOutput.ReadToEndAsync();
        await scorer.WaitForExitAsync();
        string Figure(string name) => Regex.Match(printed, $@"^{name}: (\d+/\d+)", RegexOptions.Multiline).Groups[1].Value;
        Assert.Equal("1/2", Figure("answerable correct"));
        Assert.Equal("1/1", Figure("unanswerable refused"));
        Assert.Equal("1/3", Figure("answered wrongly")); // of all the questions, as the scorer counts
    }
}
