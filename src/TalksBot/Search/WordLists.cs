namespace TalksBot.Search;

/// <summary>The word lists embedded in the program (Dictionaries/*.tsv): a word, a tab, its entries separated by "; ".</summary>
public static class WordLists
{
    public static List<(string Word, string[] Entries)> Read(string name)
    {
        using var stream = typeof(WordLists).Assembly.GetManifestResourceStream("TalksBot.Dictionaries." + name)
            ?? throw new InvalidOperationException($"The word list {name} is not embedded in the program.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string, string[])>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (!line.StartsWith('#') && tab >= 0) entries.Add((line[..tab], line[(tab + 1)..].Split("; ")));
        }
        return entries;
    }
}
