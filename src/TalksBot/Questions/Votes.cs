namespace TalksBot.Questions;

/// <summary>How a choice changes an answer's votes, the same in every store: one vote a person, the newest wins.</summary>
public static class Votes
{
    public static VoteOutcome Cast(List<Vote> votes, string person, FeedbackChoice choice, string frontEnd, DateTime at)
    {
        var mine = votes.FirstOrDefault(v => v.Person == person);
        var helpful = choice == FeedbackChoice.Helpful;
        var changed = mine is null || mine.Helpful != helpful;
        if (mine is null) votes.Add(mine = new Vote { Person = person });
        // A reason is a 👎 with why; a plain 👎 after one keeps the reason given.
        mine.Reason = choice switch
        {
            FeedbackChoice.Helpful => null,
            FeedbackChoice.Unhelpful => mine.Helpful ? null : mine.Reason,
            FeedbackChoice.Wrong => VoteReasons.Wrong,
            FeedbackChoice.NotInSources => VoteReasons.NotInSources,
            _ => VoteReasons.Unclear,
        };
        mine.Helpful = helpful;
        mine.FrontEnd = frontEnd;
        mine.At = at;
        return new VoteOutcome(changed, votes.Count(v => v.Helpful), votes.Count(v => !v.Helpful), mine);
    }

    /// <summary>Takes out the person's votes; how many there were.</summary>
    public static int Remove(List<Vote> votes, string person) => votes.RemoveAll(v => v.Person == person);
}
