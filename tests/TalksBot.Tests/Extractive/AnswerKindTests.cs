using TalksBot.Answer;
using TalksBot.Extractive;

namespace TalksBot.Tests.Extractive;

/// <summary>The kind of answer a question asks for, read from its phrase wherever it stands, in English and Dutch: the rule itself, no host.</summary>
public class AnswerKindTests
{
    [Theory]
    [InlineData("When did the ferry leave the harbour?", AnswerKind.Time)]
    [InlineData("On which day was the bridge opened?", AnswerKind.Time)]
    [InlineData("Wanneer vertrok de veerboot?", AnswerKind.Time)]
    [InlineData("In what year was the lighthouse built?", AnswerKind.Year)]
    [InlineData("In welk jaar werd de vuurtoren gebouwd?", AnswerKind.Year)]
    [InlineData("At what time does the market open?", AnswerKind.ClockTime)]
    [InlineData("Hoe laat begint de markt?", AnswerKind.ClockTime)]
    [InlineData("How many boats sailed to the island?", AnswerKind.Quantity)]
    [InlineData("Hoeveel boten voeren naar het eiland?", AnswerKind.Quantity)]
    [InlineData("What share of the budget goes to schools?", AnswerKind.Percentage)]
    [InlineData("How much of the forest has burned?", AnswerKind.Percentage)]
    [InlineData("How much money did the town spend on the square?", AnswerKind.Amount)]
    [InlineData("What did the new tram cost?", AnswerKind.Amount)]
    [InlineData("How long did the storm last?", AnswerKind.Duration)]
    [InlineData("Hoe lang duurde de storm?", AnswerKind.Duration)]
    [InlineData("How old is the mayor?", AnswerKind.Age)]
    [InlineData("Hoe oud is de burgemeester?", AnswerKind.Age)]
    [InlineData("Why was the road closed?", AnswerKind.Reason)]
    [InlineData("Waarom werd de weg afgesloten?", AnswerKind.Reason)]
    [InlineData("What was the stated purpose of the visit?", AnswerKind.Reason)]
    [InlineData("Where did the orchestra play?", AnswerKind.Place)]
    [InlineData("In which city did the orchestra play?", AnswerKind.Place)]
    [InlineData("Waar speelde het orkest?", AnswerKind.Place)]
    [InlineData("Who painted the mural?", AnswerKind.Person)]
    [InlineData("Wie schilderde de muurschildering?", AnswerKind.Person)]
    [InlineData("What is the name of the new library?", AnswerKind.Name)]
    [InlineData("Hoe heet de nieuwe bibliotheek?", AnswerKind.Name)]
    [InlineData("What did the mayor say about the plan?", AnswerKind.Statement)]
    [InlineData("How did the council describe the plan?", AnswerKind.Statement)]
    [InlineData("Wat zei de burgemeester over het plan?", AnswerKind.Statement)]
    [InlineData("What happened at the harbour?", AnswerKind.Overview)]
    [InlineData("Tell me about the festival", AnswerKind.Overview)]
    [InlineData("Vertel me over het festival", AnswerKind.Overview)]
    [InlineData("Did the council approve the plan?", AnswerKind.YesNo)]
    [InlineData("Heeft de raad het plan goedgekeurd?", AnswerKind.YesNo)]
    public void TheKindIsReadFromThePhrase(string question, AnswerKind expected) => Assert.Equal(expected, AnswerKinds.Detect(question));

    [Theory]
    [InlineData("And when did the ferry leave?", AnswerKind.Time)]
    [InlineData("And how many boats sailed?", AnswerKind.Quantity)]
    [InlineData("The ferry, in what year was it built?", AnswerKind.Year)]
    public void APhraseAfterAConnectiveOrMidQuestionCountsToo(string question, AnswerKind expected) => Assert.Equal(expected, AnswerKinds.Detect(question));

    [Theory]
    [InlineData(AnswerKind.Year, true)]
    [InlineData(AnswerKind.Quantity, true)]
    [InlineData(AnswerKind.Statement, true)]
    [InlineData(AnswerKind.Person, false)]
    [InlineData(AnswerKind.Reason, false)]
    [InlineData(AnswerKind.YesNo, false)]
    public void OnlyKindsWithATelltaleWordAreStrict(AnswerKind kind, bool strict) => Assert.Equal(strict, AnswerKinds.IsStrict(kind));
}
