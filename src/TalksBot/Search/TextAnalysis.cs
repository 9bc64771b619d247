using System.Collections.Frozen;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Tr;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// Language-aware analysis through Lucene.Net: Unicode word segmentation, lower-casing, accent
/// folding, the Snowball stop lists, and the Snowball English and Kraaij-Pohlmann Dutch stemmers
/// (Snowball's Dutch stemmer gives some plurals in -en and their singular in -e different stems;
/// Kraaij-Pohlmann does not: see TextAnalysisTests).
/// </summary>
/// <summary>An analysed term and the characters of the text it came from.</summary>
public readonly record struct TermAt(string Term, int Start, int End);

public static class TextAnalysis
{
    const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Changes whenever analysis would give other terms, so stored terms are rebuilt.</summary>
    public const string Fingerprint = "lucene48-snowball-en-kp-nl-v5";

    static readonly CharArraySet EnglishStop = LoadStopSet("english_stop.txt");
    static readonly CharArraySet DutchStop = LoadStopSet("dutch_stop.txt");
    static readonly Analyzer English = new NewsAnalyzer(EnglishStop, () => new EnglishStemmer(), IrregularForms.English, english: true);
    static readonly Analyzer Dutch = new NewsAnalyzer(DutchStop, () => new KpStemmer(), IrregularForms.Dutch, english: false);

    public static List<string> Terms(string text, string language)
    {
        var terms = new List<string>();
        using var stream = (language == LanguageDetector.Dutch ? Dutch : English).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    // Reused by each thread for every chunk it analyses; the terms are copied out.
    [ThreadStatic] static List<string>? termBuffer;

    /// <summary>The terms as the pool's strings: a term seen before is not made again (indexing analyses every chunk of a library).</summary>
    public static string[] Terms(string text, string language, TermPool pool)
    {
        var terms = termBuffer ??= [];
        terms.Clear();
        using var stream = (language == LanguageDetector.Dutch ? Dutch : English).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(pool.Intern(term.Buffer.AsSpan(0, term.Length)));
        stream.End();
        return [.. terms];
    }

    /// <summary>The analysed terms of <paramref name="text"/> with where each stands in it, for answer scoring that needs order and case.</summary>
    public static List<TermAt> Tokens(string text, string language)
    {
        var tokens = new List<TermAt>();
        using var stream = (language == LanguageDetector.Dutch ? Dutch : English).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(new TermAt(term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    public static bool IsStopWord(string word, string language) =>
        (language == LanguageDetector.Dutch ? DutchStop : EnglishStop).Contains(word.ToLowerInvariant());

    static CharArraySet LoadStopSet(string resource) =>
        WordlistLoader.GetSnowballWordSet(IOUtils.GetDecodingReader(typeof(SnowballFilter), resource, Encoding.UTF8), Version);

    sealed class NewsAnalyzer(CharArraySet stopWords, Func<SnowballProgram> stemmer, FrozenDictionary<string, string> irregular, bool english) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = english ? new EnglishPossessiveFilter(Version, source) : source;
            stream = new LowerCaseFilter(Version, stream);
            stream = new AcronymFilter(stream);
            stream = new StopFilter(Version, stream, stopWords);
            stream = new ApostropheFilter(stream); // regio's is regio; after the stop list, which knows don't

            stream = new ASCIIFoldingFilter(stream);
            stream = new NumberFilter(stream);
            stream = new IrregularFormFilter(stream, irregular);
            stream = new SnowballFilter(stream, stemmer());
            return new TokenStreamComponents(source, stream);
        }
    }

    /// <summary>"U.S." and "US" are one word: the dots of a dotted acronym go (before the stemmer could eat its last letter).</summary>
    sealed class AcronymFilter(TokenStream input) : TokenFilter(input)
    {
        readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var buffer = term.Buffer;
            var length = term.Length;
            if (length < 2 || Array.IndexOf(buffer, '.', 0, length) < 0) return true;
            for (var i = 0; i < length; i++) if (buffer[i] != '.' && !char.IsLetter(buffer[i])) return true;
            var kept = 0;
            for (var i = 0; i < length; i++) if (buffer[i] != '.') buffer[kept++] = buffer[i];
            term.Length = kept;
            return true;
        }
    }

    /// <summary>Irregular verb forms become their infinitive before stemming.</summary>
    sealed class IrregularFormFilter(TokenStream input, FrozenDictionary<string, string> forms) : TokenFilter(input)
    {
        readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();
        readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup = forms.GetAlternateLookup<ReadOnlySpan<char>>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            if (lookup.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var lemma)) term.SetEmpty().Append(lemma);
            return true;
        }
    }

    /// <summary>"6,000" and "6000" are one number; "20%" and "20" too.</summary>
    sealed class NumberFilter(TokenStream input) : TokenFilter(input)
    {
        readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var buffer = term.Buffer;
            var length = term.Length;
            if (length == 0 || !char.IsDigit(buffer[0])) return true;
            var kept = 0;
            for (var i = 0; i < length; i++)
                if (buffer[i] != ',' || i == 0 || i == length - 1 || !char.IsDigit(buffer[i - 1]) || !char.IsDigit(buffer[i + 1]))
                    buffer[kept++] = buffer[i];
            term.Length = kept;
            return true;
        }
    }
}
