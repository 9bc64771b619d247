using TalksBot.Extractive;

namespace TalksBot.Train;

/// <summary>What the gate would do with a question: the probability of its weakest part, and whether the chosen sentences answer it.</summary>
public sealed record Decision(Asked Asked, double Probability, bool Correct);

/// <summary>A set's figures at one threshold, as shared/eval/score.py counts them (sentence by sentence, before composing).</summary>
public sealed record Tally(int Questions, int Answerable, int Correct, int Refused, int Wrong)
{
    public double Score => (Correct + Refused) / (double)Questions;
    public double AnswerableCorrect => Answerable == 0 ? 1 : Correct / (double)Answerable;
    public double UnanswerableRefused => Questions == Answerable ? 1 : Refused / (double)(Questions - Answerable);
    public double Wrongly => Wrong / (double)Questions;
}

public static class Evaluation
{
    /// <summary>Each part answered by the candidate the model trusts most; the question stands as its weakest part.</summary>
    public static Decision Decide(Asked asked, GateModel model)
    {
        if (asked.Parts.Count == 0) return new Decision(asked, 0, false);
        // The weakest part's choice, composed with the other parts' first sentences, stands for the answer.
        var weakest = asked.Parts.Select(part => part.MaxBy(c => model.Probability(c.Features))!).MinBy(c => model.Probability(c.Features))!;
        return new Decision(asked, model.Probability(weakest.Features), asked.Question.AnsweredBy(weakest.Answer));
    }

    public static Tally Count(IEnumerable<Decision> decisions, double threshold)
    {
        int questions = 0, answerable = 0, correct = 0, refused = 0, wrong = 0;
        foreach (var d in decisions)
        {
            questions++;
            if (d.Asked.Question.Answerable) answerable++;
            var answers = d.Asked.Parts.Count > 0 && d.Probability >= threshold;
            if (!answers) { if (!d.Asked.Question.Answerable) refused++; continue; }
            if (d.Correct) correct++; else wrong++;
        }
        return new Tally(questions, answerable, correct, refused, wrong);
    }

    /// <summary>
    /// Every question decided by a model fitted without its fold (its article, or its question set): what the
    /// gate does on questions about texts it was not fitted on.
    /// </summary>
    public static List<Decision> CrossValidate(IReadOnlyList<Asked> asked, Func<IEnumerable<Asked>, GateModel> fit) =>
        [.. asked.Select(a => a.Question.Fold).Distinct().OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(fold =>
            {
                var model = fit(asked.Where(a => a.Question.Fold != fold));
                return asked.Where(a => a.Question.Fold == fold).Select(a => Decide(a, model));
            })];
}
