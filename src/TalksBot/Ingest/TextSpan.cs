namespace TalksBot.Ingest;

/// <summary>A half-open range [Start, End) of character offsets into a source's text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public string Of(string text) => text[Start..End];
}
