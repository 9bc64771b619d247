using TalksBot.Search;

namespace TalksBot.Questions;

/// <summary>One day of the chart: questions answered (and not marked unhelpful), refused, and marked unhelpful.</summary>
public sealed record DayCount(DateOnly Day, int Answered, int Refused, int Unhelpful);

/// <summary>Questions asked in other words, counted together: the newest wording first, then up to three others.</summary>
public sealed record QuestionGroup(string Question, int Count, IReadOnlyList<string> Wordings, DateTime LastAsked);

public sealed record QuestionSummary(IReadOnlyList<DayCount> Days, IReadOnlyList<QuestionGroup> TopRefused, IReadOnlyList<QuestionGroup> TopUnhelpful)
{
    /// <summary>
    /// Two questions are one when more than half their analysed words (stemmed, stop words out) are shared: "who won the
    /// world cup" and "who won the world cup in football" are; "what happened on 16 May" and "… on 17 May" are not.
    /// </summary>
    public const double SameQuestion = 0.6;

    /// <param name="records">The log's entries since the first of the <paramref name="days"/>, newest first.</param>
    public static QuestionSummary Of(IReadOnlyList<QuestionRecord> records, DateOnly today, int days = 30, int top = 10)
    {
        var counts = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(day => records.Where(r => DateOnly.FromDateTime(r.At) == day).ToList())
            .Select((asked, i) => new DayCount(today.AddDays(i - days + 1),
                asked.Count(r => !r.Refused && !r.Unhelpful), asked.Count(r => r.Refused && !r.Unhelpful), asked.Count(r => r.Unhelpful)))
            .ToList();
        return new(counts, Grouped(records.Where(r => r.Refused), top), Grouped(records.Where(r => r.Unhelpful), top));
    }

    /// <summary>Greedy: each question joins the first group whose first wording it shares enough words with.</summary>
    static List<QuestionGroup> Grouped(IEnumerable<QuestionRecord> records, int top)
    {
        var groups = new List<(HashSet<string> Words, List<QuestionRecord> Members)>();
        foreach (var record in records)
        {
            var words = TextAnalysis.Terms(record.Question, record.Language).ToHashSet();
            var group = groups.FirstOrDefault(g => Overlap(g.Words, words) >= SameQuestion);
            if (group.Members is null) groups.Add((words, [record]));
            else group.Members.Add(record);
        }
        return [.. groups.OrderByDescending(g => g.Members.Count).ThenByDescending(g => g.Members[0].At).Take(top)
            .Select(g => new QuestionGroup(g.Members[0].Question, g.Members.Count,
                [.. g.Members.Skip(1).Select(m => m.Question).Distinct(StringComparer.OrdinalIgnoreCase).Where(q => !q.Equals(g.Members[0].Question, StringComparison.OrdinalIgnoreCase)).Take(3)],
                g.Members[0].At))];
    }

    static double Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 1 : a.Intersect(b).Count() / (double)a.Union(b).Count();
}
