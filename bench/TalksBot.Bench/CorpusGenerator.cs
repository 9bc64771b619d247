using System.Text;

namespace TalksBot.Bench;

/// <summary>
/// A reproducible corpus of news-like articles: English function words mixed with a Zipf-distributed
/// lexicon of made-up words, in headlines, paragraphs and sentences of news length. The same seed
/// gives the same corpus and the same queries.
/// </summary>
public sealed class CorpusGenerator
{
    static readonly string[] FunctionWords =
        ["the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "said", "after", "which", "would"];
    // Syllables as onset + vowel + coda, so that words have the spread of letter trigrams real words have.
    static readonly string[] Onsets = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "dr", "gr", "kr", "pl", "sk", "st", "tr", "sh", "ch"];
    static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"];
    static readonly string[] Codas = ["", "", "", "n", "r", "s", "t", "l", "m", "k", "nd", "st"];

    readonly Random random;
    readonly string[] lexicon;
    readonly double[] cumulative;

    public CorpusGenerator(int seed, int lexiconSize = 30_000)
    {
        random = new Random(seed);
        var words = new HashSet<string>();
        while (words.Count < lexiconSize)
            words.Add(string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)] + Codas[random.Next(Codas.Length)])));
        lexicon = [.. words];
        cumulative = new double[lexicon.Length];
        var total = 0.0;
        for (var i = 0; i < lexicon.Length; i++) cumulative[i] = total += 1.0 / (i + 1); // Zipf, s = 1
        for (var i = 0; i < lexicon.Length; i++) cumulative[i] /= total;
    }

    string Word()
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return lexicon[index < 0 ? Math.Min(~index, lexicon.Length - 1) : index];
    }

    string Sentence(int min, int max)
    {
        var words = Enumerable.Range(0, random.Next(min, max + 1))
            .Select(_ => random.NextDouble() < 0.4 ? FunctionWords[random.Next(FunctionWords.Length)] : Word()).ToList();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        if (random.NextDouble() < 0.2) words.Insert(random.Next(1, words.Count), random.Next(2, 20_000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(' ', words) + ".";
    }

    public string Article()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(' ', Enumerable.Range(0, random.Next(4, 9)).Select(_ => { var w = Word(); return char.ToUpperInvariant(w[0]) + w[1..]; })));
        for (var p = random.Next(4, 9); p > 0; p--)
            text.AppendLine(string.Join(' ', Enumerable.Range(0, random.Next(2, 6)).Select(_ => Sentence(8, 24))));
        return text.ToString();
    }

    /// <summary>Writes <paramref name="count"/> articles as 00000.txt, 00001.txt, … and returns the folder.</summary>
    public string WriteCorpus(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++) File.WriteAllText(Path.Combine(folder, $"{i:00000}.txt"), Article());
        return folder;
    }

    /// <summary>Queries of two to five words of one article, as a person would pick the words that matter.</summary>
    public List<string> Queries(string folder, int count)
    {
        var files = Directory.GetFiles(folder, "*.txt").Order().ToArray();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var words = File.ReadAllText(files[random.Next(files.Length)]).Split([' ', '\n', '.'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length > 3 && !FunctionWords.Contains(w.ToLowerInvariant())).ToArray();
            return string.Join(' ', Enumerable.Range(0, random.Next(2, 6)).Select(_ => words[random.Next(words.Length)]));
        })];
    }
}
