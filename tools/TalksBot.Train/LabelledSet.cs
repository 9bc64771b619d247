using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TalksBot.Answer;
using TalksBot.Bench;
using TalksBot.Cli;
using TalksBot.Extractive;
using TalksBot.Index;
using TalksBot.Search;

namespace TalksBot.Train;

/// <summary>A labelled question and the fold of the cross-validation it is held out in: its article, or its set.</summary>
public sealed record Labelled(DevQuestion Question, string Fold)
{
    public string Id => Question.Id;
    public string Text => Question.Question;
    public bool Answerable => Question.Answerable;

    /// <summary>score.py's rule: every fact in the answer and a gold source among its citations.</summary>
    public bool AnsweredBy(AnswerDraft? answer)
    {
        if (!Answerable || answer is null || answer.Refused) return false;
        var text = Folded(answer.Text);
        return Question.Must.All(g => g.Any(s => text.Contains(Folded(s), StringComparison.Ordinal)))
            && answer.Citations.Any(c => Question.Gold.Any(g => c.Source.Contains(g, StringComparison.Ordinal)));
    }

    static string Folded(string s) =>
        Regex.Replace(s.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"'), @"\s+", " ").Trim().ToLowerInvariant();
}

/// <summary>A question and the candidate sentences the engine's rules let through for each of its parts (none: declined before the gate).</summary>
public sealed record Asked(Labelled Question, IReadOnlyList<IReadOnlyList<GateCandidate>> Parts);

public static class LabelledSet
{
    public static List<Labelled> Load(string path, Func<DevQuestion, string> fold) => [.. DevSet.Load(path).Select(q => new Labelled(q, fold(q)))];

    /// <summary>Indexes <paramref name="seeds"/> in a database of its own and reads each question as the engine does.</summary>
    public static async Task<List<Asked>> AskAsync(string seeds, IEnumerable<Labelled> questions)
    {
        var work = Directory.CreateTempSubdirectory("talksbot-train-");
        try
        {
            using var host = CliHost.Build(new Dictionary<string, string?>
            {
                ["Seeds:Path"] = seeds,
                ["Index:DatabasePath"] = Path.Combine(work.FullName, "train.db"),
            }, services => services.AddSingleton(AnswerGate.Untrained()));
            var services = host.Services;
            var knowledge = services.GetRequiredService<KnowledgeBase>();
            var searcher = services.GetRequiredService<Searcher>();
            var engine = services.GetRequiredService<ExtractiveAnswerer>();
            var passages = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnswerOptions>>().Value.Passages;
            var index = await knowledge.GetAsync();
            var asked = new List<Asked>();
            foreach (var q in questions)
            {
                var text = q.Text;
                var found = await searcher.SearchAsync(text, passages);
                var language = Ingest.LanguageDetector.Detect(text);
                asked.Add(new Asked(q, engine.GateCandidates(index, text, language, found.Hits, found.Language == language ? found.Words : null)));
            }
            return asked;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
