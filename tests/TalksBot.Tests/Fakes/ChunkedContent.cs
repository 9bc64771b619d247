using System.Text;

namespace TalksBot.Tests.Fakes;

/// <summary>A request body that does not tell its length, so HttpClient sends it chunked (no Content-Length).</summary>
public static class ChunkedContent
{
    public static HttpContent Of(string body)
    {
        var content = new StreamContent(new UnknownLength(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
