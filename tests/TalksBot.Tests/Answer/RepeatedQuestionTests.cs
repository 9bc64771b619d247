using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Bench;

namespace TalksBot.Tests.Answer;

/// <summary>
/// What answering keeps between questions (a sentence's text facts, a word's dictionary forms) must
/// not change an answer: every question asked again, after all the others and in the other order,
/// is answered exactly as the first time.
/// </summary>
public class RepeatedQuestionTests
{
    [Fact]
    public async Task AQuestionAskedAgainIsAnsweredAsTheFirstTime()
    {
        var devSet = DevSet.Find();
        Assert.True(devSet is not null, "../shared/eval/dev.jsonl was not found beside the repository");
        var questions = new[] { "dev.jsonl", "practice.jsonl" }
            .SelectMany(set => File.ReadLines(Path.Combine(Path.GetDirectoryName(devSet)!, set)))
            .Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!["question"]!.GetValue<string>()).ToList();
        using var kb = new TestKnowledgeBase();
        var answers = kb.Start().GetRequiredService<AnswerService>();

        var first = new Dictionary<string, string>();
        foreach (var question in questions) first[question] = await Shown(answers, question);
        foreach (var question in Enumerable.Reverse(questions))
            Assert.Equal(first[question], await Shown(answers, question));
    }

    static async Task<string> Shown(AnswerService answers, string question)
    {
        var json = AnswerJson.From(await answers.AskAsync(question));
        json.Remove("timings_ms");
        return json.ToJsonString();
    }
}
