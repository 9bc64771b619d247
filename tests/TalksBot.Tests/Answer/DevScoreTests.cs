using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Bench;
using TalksBot.Cli;

namespace TalksBot.Tests.Answer;

/// <summary>
/// The offline engine on the dev questions and on the practice questions (typed the way people type),
/// scored by shared/eval/score.py exactly as the project is scored. An answer that misleads is worse
/// than an honest refusal, so "answered wrongly" has a ceiling of its own.
/// </summary>
public class DevScoreTests
{
    [Theory]
    [InlineData("dev.jsonl", 90, 85, 5)]
    [InlineData("practice.jsonl", 85, 85, 5)]
    public async Task TheOfflineEngineMeetsTheTargets(string set, double answerable, double refused, double wrongly)
    {
        var devSet = DevSet.Find();
        Assert.True(devSet is not null, "../shared/eval/dev.jsonl was not found beside the repository");
        var questions = Path.Combine(Path.GetDirectoryName(devSet)!, set);
        Assert.True(File.Exists(questions), $"{questions} was not found");
        using var kb = new TestKnowledgeBase();
        var answers = kb.Start().GetRequiredService<AnswerService>();

        var output = Path.Combine(kb.Root, "answers.jsonl");
        await using (var writer = File.CreateText(output))
            foreach (var line in File.ReadLines(questions).Where(l => l.Trim().Length > 0))
            {
                var question = JsonNode.Parse(line)!;
                var answer = await answers.AskAsync(question["question"]!.GetValue<string>());
                Assert.InRange(answer.Support, 0f, 1f);
                // A refusal always says why, and an answer never carries a reason to decline.
                Assert.Equal(answer.Refused, answer.Why != Declined.No);
                var json = AnswerJson.From(answer);
                json.Insert(0, "id", question["id"]!.DeepClone());
                await writer.WriteLineAsync(json.ToJsonString());
            }

        var score = Score(questions, output, TestKnowledgeBase.RepositorySeeds());
        var report = $"{set}:\n" + string.Join("\n", score);
        Assert.True(score["answerable correct"] >= answerable, $"answerable correct below {answerable}%: " + report);
        Assert.True(score["unanswerable refused"] >= refused, $"unanswerable refused below {refused}%: " + report);
        Assert.True(score["answered wrongly"] <= wrongly, $"answered wrongly above {wrongly}%: " + report);
        Assert.True(score["citation quotes verbatim"] >= 100, "citation quotes not all verbatim: " + report);
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
