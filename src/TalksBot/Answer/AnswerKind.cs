using System.Text.RegularExpressions;

namespace TalksBot.Answer;

/// <summary>What kind of answer a question asks for, read from its opening words (English and Dutch).</summary>
public enum AnswerKind { Any, Person, Time, ClockTime, Place, Quantity, Amount, Duration, Reason, YesNo }

public static partial class AnswerKinds
{
    // Money only: "how much" alone also asks after land, time or support ("how much of the country"), which a number answers.
    [GeneratedRegex(@"^(how much (money\b|.*\b(cost|costs|pay|paid|spend|spent|worth|price)\b)|what did .+ cost|what does .+ cost|how expensive|wat kost|wat kostte|hoeveel geld)\b")] private static partial Regex Amount();
    [GeneratedRegex(@"^(what time|at what time|hoe laat|om hoe laat)\b")] private static partial Regex ClockTime();
    [GeneratedRegex(@"^(how many|how much|hoeveel)\b")] private static partial Regex Quantity();
    [GeneratedRegex(@"^(how long|hoe lang)\b")] private static partial Regex Duration();
    [GeneratedRegex(@"^(why|waarom)\b")] private static partial Regex Reason();
    [GeneratedRegex(@"^(when|what date|wanneer|op welke dag)\b")] private static partial Regex Time();
    [GeneratedRegex(@"^(where|waar|in which (city|country|place)|in welke (stad|plaats|land))\b")] private static partial Regex Place();
    [GeneratedRegex(@"^(who|whom|whose|wie)\b")] private static partial Regex Person();
    [GeneratedRegex(@"^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|heeft|hebben|had|is|zijn|was|waren|kan|kunnen|zal|zullen|wil|wilde|gaat|werd|wordt)\b")]
    private static partial Regex YesNo();

    public static AnswerKind Detect(string question)
    {
        var q = FollowUp.WithoutConnective(question).ToLowerInvariant();
        if (Amount().IsMatch(q)) return AnswerKind.Amount;
        if (ClockTime().IsMatch(q)) return AnswerKind.ClockTime;
        if (Quantity().IsMatch(q)) return AnswerKind.Quantity;
        if (Duration().IsMatch(q)) return AnswerKind.Duration;
        if (Reason().IsMatch(q)) return AnswerKind.Reason;
        if (Time().IsMatch(q)) return AnswerKind.Time;
        if (Place().IsMatch(q)) return AnswerKind.Place;
        if (Person().IsMatch(q)) return AnswerKind.Person;
        return YesNo().IsMatch(q) ? AnswerKind.YesNo : AnswerKind.Any;
    }
}
