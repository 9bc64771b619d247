using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TalksBot.Answer;
using TalksBot.Index;

namespace TalksBot.Questions;

/// <summary>One labelled question checked: what it expects, what the bot answers now, and whether that is right.</summary>
public sealed record CheckRow(int Id, string Question, bool Answerable, string Expected, string Answer, bool Refused, bool Correct);

/// <summary>The scorer's table (`../shared/eval/score.py`'s rules) over the labelled questions.</summary>
public sealed record CheckTable(int Answerable, int AnswerableCorrect, int Unanswerable, int Refused, int Answered, int AnsweredWrongly, IReadOnlyList<CheckRow> Rows);

/// <summary>
/// The records an operator labelled, as test questions: exported in the scorer's JSON-lines shape
/// (id, question, lang, answerable, must, gold), or answered again now and scored by the scorer's rules.
/// A labelled question's gold sources are those whose text holds every word it must have: a citation of
/// any of them counts, as a citation of one of the gold sources does for the scorer.
/// </summary>
public sealed partial class LabelledQuestions(IQuestionLog log, AnswerService answers, KnowledgeBase knowledge)
{
    public async Task<IReadOnlyList<QuestionRecord>> AllAsync(CancellationToken cancellationToken) =>
        (await log.FindAsync(new QuestionQuery(LabelledOnly: true, Size: IQuestionLog.Keep), cancellationToken)).Items;

    /// <summary>One JSON object a labelled record, oldest first.</summary>
    public async Task<List<JsonObject>> ExportAsync(CancellationToken cancellationToken)
    {
        var texts = Texts(await knowledge.GetAsync(cancellationToken));
        return [.. (await AllAsync(cancellationToken)).Reverse().Select(r => new JsonObject
        {
            ["id"] = $"log-{r.Id}", ["question"] = r.Question, ["lang"] = r.Language.Length > 0 ? r.Language : null,
            ["answerable"] = !r.Label!.Refuse,
            ["must"] = new JsonArray([.. r.Label.Must.Select(g => (JsonNode)new JsonArray([.. g.Select(w => (JsonNode)w)]))]),
            ["gold"] = new JsonArray([.. (r.Label.Refuse ? [] : texts.Where(t => Holds(t.Value, r.Label.Must)).Select(t => Path.GetFileNameWithoutExtension(t.Key)))
                .Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
        })];
    }

    /// <summary>Asks each labelled question again (not logged, not counted as a person's) and scores the answers.</summary>
    public async Task<CheckTable> CheckAsync(CancellationToken cancellationToken)
    {
        var texts = Texts(await knowledge.GetAsync(cancellationToken));
        var rows = new List<CheckRow>();
        foreach (var record in (await AllAsync(cancellationToken)).Reverse())
        {
            var label = record.Label!;
            var answer = await answers.AskAsync(record.Question, asker: Asker.Check, cancellationToken: cancellationToken);
            var refused = answer.Refused || answer.Error is not null;
            // As the scorer: every group has one of its words in the answer, and a cited source holds them.
            var correct = label.Refuse ? refused
                : !refused && Holds(Fold(answer.Text), label.Must)
                  && answer.Citations.Any(c => texts.TryGetValue(c.Source, out var text) && Holds(text, label.Must));
            rows.Add(new CheckRow(record.Id, record.Question, !label.Refuse, label.Refuse ? "refuse" : Describe(label.Must),
                answer.Error ?? answer.Text, refused, correct));
        }
        var answerable = rows.Where(r => r.Answerable).ToList();
        return new CheckTable(answerable.Count, answerable.Count(r => r.Correct), rows.Count - answerable.Count, rows.Count(r => !r.Answerable && r.Refused),
            rows.Count(r => !r.Refused), rows.Count(r => !r.Refused && !r.Correct), rows);
    }

    /// <summary>"ceasefire; truce|armistice" is two groups, the second either word; empty groups are dropped. Not commas: "6,000" is one word.</summary>
    public static List<List<string>> ParseMust(string? text) =>
        [.. (text ?? "").Split([';', '\n']).Select(g => g.Split('|').Select(w => w.Trim()).Where(w => w.Length > 0).ToList()).Where(g => g.Count > 0)];

    public static string Describe(List<List<string>> must) => string.Join("; ", must.Select(g => string.Join(" | ", g)));

    /// <summary>Each source's indexed text, folded.</summary>
    static Dictionary<string, string> Texts(Search.SearchIndex index) =>
        index.Chunks.GroupBy(c => c.Chunk.Source).ToDictionary(g => g.Key, g => Fold(string.Join(" ", g.Select(c => c.Chunk.Text))));

    static bool Holds(string folded, List<List<string>> must) => must.All(g => g.Any(w => folded.Contains(Fold(w), StringComparison.Ordinal)));

    /// <summary>The scorer's folding: curly quotes straightened, white space collapsed, lower case.</summary>
    static string Fold(string text) => Spaces().Replace(text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201c', '"').Replace('\u201d', '"'), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
