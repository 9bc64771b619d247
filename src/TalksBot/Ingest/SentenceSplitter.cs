namespace TalksBot.Ingest;

/// <summary>
/// Rule-based sentence splitting for news English and Dutch. Every line is a block of its own
/// (headlines without a full stop, bullet items), and inside a line a sentence ends at . ! ? or …
/// followed, after any closing quotes or brackets, by a space and something that can start a
/// sentence. Abbreviations, initials, dotted acronyms and numbers do not end sentences.
/// </summary>
public static class SentenceSplitter
{
    // Common abbreviations in English and Dutch news, lower-cased and without their final dot.
    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "gov", "sen", "rep", "pres", "rev", "hon", "vs", "etc", "e.g", "i.e", "cf", "al", "approx", "ca",
        "no", "nos", "nr", "vol", "fig", "dept", "est", "inc", "ltd", "corp", "co", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
        "sat", "sun", "dhr", "mevr", "mw", "drs", "ir", "ing", "bijv", "bv", "o.a", "enz", "m.a.w", "z.g.a.n",
        "d.w.z", "t.a.v", "i.p.v", "m.b.t", "resp", "blz", "zgn", "evt", "incl", "excl", "min", "max",
    };

    const string ClosingMarks = "\"'”’»)]";
    const string OpeningMarks = "\"'“‘«([";

    public static List<TextSpan> Split(string text) => Split(text, new TextSpan(0, text.Length));

    public static List<TextSpan> Split(string text, TextSpan range)
    {
        var sentences = new List<TextSpan>();
        var lineStart = range.Start;
        while (lineStart < range.End)
        {
            var lineEnd = text.IndexOf('\n', lineStart, range.End - lineStart);
            if (lineEnd < 0) lineEnd = range.End;
            SplitLine(text, lineStart, lineEnd, sentences);
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    static void SplitLine(string text, int start, int end, List<TextSpan> sentences)
    {
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '…')) continue;

            var after = i + 1;
            while (after < end && (text[after] is '.' or '!' or '?' or '…' || ClosingMarks.Contains(text[after]))) after++;
            if (after < end && !char.IsWhiteSpace(text[after])) continue; // "1.000", "U.S.-led", "ntv.de"

            var next = after;
            while (next < end && char.IsWhiteSpace(text[next])) next++;
            if (next < end && !CanStartSentence(text[next])) continue;
            if (c == '.' && IsAbbreviation(text, sentenceStart, i)) continue;

            Add(text, sentenceStart, after, sentences);
            sentenceStart = after;
            i = after - 1;
        }
        Add(text, sentenceStart, end, sentences);
    }

    static bool CanStartSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || OpeningMarks.Contains(c) || c is '-' or '–' or '—' or '•' or '*';

    /// <summary>Is the word ending at the dot at <paramref name="dot"/> an abbreviation or an initial?</summary>
    static bool IsAbbreviation(string text, int lineStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > lineStart && !char.IsWhiteSpace(text[wordStart - 1]) && !OpeningMarks.Contains(text[wordStart - 1])) wordStart--;
        var word = text[wordStart..dot];
        if (word.Length == 0) return false;
        if (word.Length == 1 && char.IsUpper(word[0])) return true;           // an initial: "J. Smith"
        if (word.Contains('.') && word.Replace(".", "").All(char.IsLetter)) return true; // "U.S", "e.g", "o.a"
        return Abbreviations.Contains(word);
    }

    static void Add(string text, int start, int end, List<TextSpan> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) sentences.Add(new TextSpan(start, end));
    }
}
