using System.Text.RegularExpressions;
using TalksBot.Ingest;

namespace TalksBot.Answer;

/// <summary>
/// An answer's sentences, each with its citation markers, for front ends that split an answer into
/// messages: the sentence splitter leaves the "[1]" after a full stop at the start of the sentence
/// after, where a split would carry it away from the claim it cites.
/// </summary>
public static partial class AnswerSentences
{
    [GeneratedRegex(@"^(\[\d+\]\s*)+")]
    private static partial Regex LeadingMarkers();

    public static List<string> Of(string text)
    {
        var sentences = new List<string>();
        foreach (var span in SentenceSplitter.Split(text))
        {
            var sentence = span.Of(text);
            var markers = LeadingMarkers().Match(sentence);
            if (markers.Length > 0 && sentences.Count > 0)
            {
                sentences[^1] += " " + markers.Value.Trim();
                sentence = sentence[markers.Length..];
            }
            if (sentence.Length > 0) sentences.Add(sentence);
        }
        return sentences;
    }
}
