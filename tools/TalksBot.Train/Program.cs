using System.Globalization;
using System.Text.Json;
using TalksBot.Extractive;
using TalksBot.Train;

// Trains the offline engine's answer gate (src/TalksBot/Extractive/gate.json) from labelled questions:
// SQuAD 2.0's train.jsonl on its eight articles and the news questions of dev.jsonl and practice.jsonl.
//   dotnet run -c Release --project tools/TalksBot.Train [-- --shared ../shared] [--out FILE]
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "Bot.sln")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run this from inside the repository.");
var shared = Path.GetFullPath(Option("--shared", Path.Combine(root, "..", "shared")));
var output = Path.GetFullPath(Option("--out", Path.Combine(root, "src", "TalksBot", "Extractive", "gate.json")));
var newsWeight = double.Parse(Option("--news-weight", "4"), CultureInfo.InvariantCulture);
var boosting = new BoostingOptions(Trees: int.Parse(Option("--trees", "100")), Depth: int.Parse(Option("--depth", "3")),
    MinLeafWeight: double.Parse(Option("--min-leaf", "20"), CultureInfo.InvariantCulture));
var targetWrongly = double.Parse(Option("--target-wrongly", "0.15"), CultureInfo.InvariantCulture);
var squadSet = Path.Combine(shared, "eval", "squad", "train.jsonl");
if (!File.Exists(squadSet))
{
    Console.Error.WriteLine($"{squadSet} was not found: pass --shared with the folder that holds eval/.");
    return 2;
}

var squad = LabelledSet.Load(squadSet, q => "squad:" + q.Gold.FirstOrDefault());
var news = LabelledSet.Load(Path.Combine(shared, "eval", "dev.jsonl"), _ => "news:dev")
    .Concat(LabelledSet.Load(Path.Combine(shared, "eval", "practice.jsonl"), _ => "news:practice")).ToList();
Console.Error.WriteLine($"Reading {squad.Count} SQuAD and {news.Count} news questions…");
var asked = (await LabelledSet.AskAsync(Path.Combine(shared, "eval", "squad", "seeds"), squad))
    .Concat(await LabelledSet.AskAsync(Path.Combine(root, "seeds"), news)).ToList();

foreach (var prefix in new[] { "squad", "news" })
{
    var answerable = asked.Where(a => a.Question.Fold.StartsWith(prefix) && a.Question.Answerable).ToList();
    Console.Error.WriteLine($"{prefix}: {answerable.Count} answerable; the rules pass {answerable.Count(a => a.Parts.Count > 0)} to the gate; " +
        $"their first sentence answers {answerable.Count(a => a.Parts.Count > 0 && a.Question.AnsweredBy(a.Parts[0][0].Answer))}; " +
        $"a candidate answers {answerable.Count(a => a.Parts.Any(p => p.Any(c => a.Question.AnsweredBy(c.Answer))))}");
}
var names = ExtractiveAnswerer.FeatureNames;
var semantic = Enumerable.Repeat(true, names.Length).ToArray();
var plain = names.Select((_, i) => i < Array.IndexOf(names, "cosine")).ToArray();

// One row per candidate: does the answer composed around it answer the question?
List<Row> Rows(IEnumerable<Asked> set) =>
    [.. set.SelectMany(a => a.Parts.SelectMany(p => p).Select(c =>
        new Row(c.Features, a.Question.AnsweredBy(c.Answer), a.Question.Fold.StartsWith("news") ? newsWeight : 1)))];

var report = new List<string>();
GateModel Train(bool[] use, string label)
{
    var held = Evaluation.CrossValidate(asked, set => Boosting.Fit(Rows(set), use, boosting));
    // The lowest threshold at which questions about texts the model was not fitted on are answered wrongly no
    // more often than the target: as many answers as that error rate allows.
    var threshold = Enumerable.Range(1, 95).Select(t => t / 100.0).First(t => Evaluation.Count(held, t).Wrongly <= targetWrongly);
    var model = Boosting.Fit(Rows(asked), use, boosting, (float)threshold);
    // The held-out decisions of the full model, for reading where it goes wrong.
    if (Option("--decisions", "") is { Length: > 0 } dump && use.All(u => u))
        File.WriteAllLines(dump, held.Select(d => JsonSerializer.Serialize(new
        {
            id = d.Asked.Question.Id, question = d.Asked.Question.Text, answerable = d.Asked.Question.Answerable,
            probability = Math.Round(d.Probability, 3), correct = d.Correct,
        })));
    var fitted = asked.Select(a => Evaluation.Decide(a, model)).ToList();
    report.Add($"### {label} (threshold {threshold:0.00})");
    report.Add("");
    report.Add("| questions | figures | answerable correct | unanswerable refused | answered wrongly | score |");
    report.Add("|---|---|---|---|---|---|");
    foreach (var (set, prefix) in new[] { ("SQuAD train.jsonl", "squad"), ("news dev + practice", "news") })
        foreach (var (kind, decisions) in new[] { ("held out", held), ("in sample", fitted) })
        {
            var t = Evaluation.Count(decisions.Where(d => d.Asked.Question.Fold.StartsWith(prefix)), threshold);
            report.Add($"| {set} | {kind} | {t.AnswerableCorrect:P0} | {t.UnanswerableRefused:P0} | {t.Wrongly:P0} | {t.Score:P0} |");
        }
    report.Add("");
    report.Add("Risk and coverage on the held-out SQuAD questions as the threshold moves:");
    report.Add("");
    report.Add("| threshold | answers given | answered wrongly | score |");
    report.Add("|---|---|---|---|");
    foreach (var t in new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }.Append(threshold).Order())
    {
        var tally = Evaluation.Count(held.Where(d => d.Asked.Question.Fold.StartsWith("squad")), t);
        report.Add($"| {t:0.00} | {(tally.Correct + tally.Wrong) / (double)tally.Questions:P0} | {tally.Wrongly:P0} | {tally.Score:P0} |");
    }
    report.Add("");
    return model;
}

var file = new GateFile(names, Train(semantic, "With the semantic signal"), Train(plain, "Without it (Search:Semantic=false)"),
    $"{squad.Count} SQuAD train.jsonl and {news.Count} news questions; news weight {newsWeight.ToString(CultureInfo.InvariantCulture)}, {boosting}; " +
    $"threshold for {targetWrongly.ToString(CultureInfo.InvariantCulture)} answered wrongly, cross-validated over the SQuAD articles and the two news sets");
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(file, new JsonSerializerOptions
{
    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
}) + "\n");
Console.WriteLine(string.Join("\n", report));
Console.Error.WriteLine($"Wrote {output}");
return 0;
