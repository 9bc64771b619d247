namespace TalksBot.Ingest;

/// <summary>
/// Tells English from Dutch by the share of each language's most frequent function words: they
/// make up a third of any running text, so a handful of words decides even a short question.
/// </summary>
public static class LanguageDetector
{
    public const string English = "en";
    public const string Dutch = "nl";

    static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at",
        "from", "it", "his", "her", "their", "they", "he", "she", "which", "this", "has", "have", "had",
        "were", "are", "be", "been", "would", "will", "not", "but", "or", "an", "who", "what", "when",
        "where", "why", "how", "did", "does", "do", "said", "about", "after", "than", "its", "there",
    };

    static readonly HashSet<string> DutchWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet",
        "aan", "er", "om", "ook", "als", "dan", "maar", "bij", "of", "uit", "nog", "wel", "geen", "naar",
        "door", "over", "tot", "die", "werd", "wordt", "worden", "heeft", "hebben", "was", "waren", "zal",
        "wie", "wat", "waar", "wanneer", "waarom", "hoe", "hoeveel", "welke", "deze", "dit", "tussen", "zich",
    };

    // No word longer than the longest listed is looked up: most words of running text are.
    static readonly int LongestWord = EnglishWords.Concat(DutchWords).Max(w => w.Length);

    public static string Detect(string text) => Detect(text, [new TextSpan(0, text.Length)]);

    /// <summary>The language of the text's <paramref name="parts"/>, as of their text joined by spaces (none of it made).</summary>
    public static string Detect(string text, IEnumerable<TextSpan> parts)
    {
        int en = 0, nl = 0;
        foreach (var part in parts) Count(text.AsSpan(part.Start, part.Length), ref en, ref nl);
        return nl > en ? Dutch : English;
    }

    static void Count(ReadOnlySpan<char> text, ref int en, ref int nl)
    {
        // Looked up as spans: a whole article's words, none of them made a string.
        var english = EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var dutch = DutchWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                var word = text.Slice(start, i - start);
                start = -1;
                if (word.Length > LongestWord) continue;
                if (english.Contains(word)) en++;
                if (dutch.Contains(word)) nl++;
            }
        }
    }
}
