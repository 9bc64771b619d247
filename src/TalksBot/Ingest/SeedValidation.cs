using System.Text;

namespace TalksBot.Ingest;

/// <summary>Whether bytes can be a source text, and the text: the checks both the seeds folder and uploads go through.</summary>
public static class SeedValidation
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or why these bytes are not a usable source.</summary>
    public static (string? Text, string? Problem) Read(byte[] bytes)
    {
        if (LooksBinary(bytes)) return (null, "looks like a binary file, not text");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return (null, $"is not valid UTF-8 (at byte {e.Index}); save it as UTF-8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return string.IsNullOrWhiteSpace(text) ? (null, "is empty") : (text, null);
    }

    /// <summary>NUL bytes, or many control characters, in the first 8 KB: what `file` and git call binary.</summary>
    static bool LooksBinary(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.Contains((byte)0)) return true;
        var control = 0;
        foreach (var b in head) if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) control++;
        return control * 10 > head.Length;
    }
}
