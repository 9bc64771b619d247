using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Bench;
using TalksBot.Cli;

namespace TalksBot.Tests.Answer;

/// <summary>The offline engine on the dev questions, scored by shared/eval/score.py exactly as the project is scored.</summary>
public class DevScoreTests
{
    [Fact]
    public async Task TheOfflineEngineMeetsTheDevTargets()
    {
        var devSet = DevSet.Find();
        Assert.True(devSet is not null, "../shared/eval/dev.jsonl was not found beside the repository");
        using var kb = new TestKnowledgeBase();
        var answers = kb.Start().GetRequiredService<AnswerService>();

        var output = Path.Combine(kb.Root, "answers.jsonl");
        await using (var writer = File.CreateText(output))
            foreach (var line in File.ReadLines(devSet).Where(l => l.Trim().Length > 0))
            {
                var question = JsonNode.Parse(line)!;
                var json = AnswerJson.From(await answers.AskAsync(question["question"]!.GetValue<string>()));
                json.Insert(0, "id", question["id"]!.DeepClone());
                await writer.WriteLineAsync(json.ToJsonString());
            }

        var score = Score(devSet, output, TestKnowledgeBase.RepositorySeeds());
        Assert.True(score["answerable correct"] >= 90, "answerable correct below 90%:\n" + string.Join("\n", score));
        Assert.True(score["unanswerable refused"] >= 80, "unanswerable refused below 80%:\n" + string.Join("\n", score));
        Assert.True(score["citation quotes verbatim"] >= 100, "citation quotes not all verbatim:\n" + string.Join("\n", score));
    }

    static Dictionary<string, double> Score(string devSet, string answers, string seeds)
    {
        var scorer = Path.Combine(Path.GetDirectoryName(devSet)!, "score.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { scorer, devSet, answers, seeds }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return Regex.Matches(text, @"^(?<name>[a-z@0-9 ]+): \d+/\d+ \((?<pct>\d+)%\)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => double.Parse(m.Groups["pct"].Value));
    }
}
