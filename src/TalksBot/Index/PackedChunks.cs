using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TalksBot.Ingest;
using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>
/// A source's chunks as one binary value, without their terms (the store keeps those in the snapshot's
/// image). LiteDB spends most of a reindex's write and of a restart's read on per-document and per-field
/// work (a BSON document per chunk, an element per sentence offset): one value per source is written and
/// read as a single block of bytes. The texts go last, compressed together with a hash of them, and are
/// unpacked only when one of them is first read: a restart reads what search needs (places, languages,
/// vectors), checks the texts' hash, and leaves the texts of a large library packed.
/// </summary>
public static class PackedChunks
{
    const byte Version = 3;

    /// <summary>Texts and all compressed: the layout before version 3, still read.</summary>
    const byte AllCompressed = 2;

    /// <param name="chunks">A source's chunks in their order, as <see cref="Unpack"/> gives them back.</param>
    public static byte[] Pack(IReadOnlyList<IndexedChunk> chunks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(chunks.Count);
            var texts = new byte[chunks.Sum(c => c.Chunk.Utf8.Length)];
            var at = 0;
            foreach (var chunk in chunks)
            {
                var utf8 = chunk.Chunk.Utf8;
                utf8.CopyTo(texts.AsSpan(at));
                at += utf8.Length;
                writer.Write7BitEncodedInt(chunk.Chunk.Index);
                writer.Write(chunk.Language);
                writer.Write7BitEncodedInt(utf8.Length);
                WriteSentences(writer, chunk.Chunk.Sentences);
                writer.Write(chunk.Vector is not null);
                if (chunk.Vector is null) continue;
                var vector = MemoryMarshal.AsBytes(chunk.Vector.AsSpan());
                writer.Write7BitEncodedInt(vector.Length);
                writer.Write(vector);
            }
            var blob = Compressed.Pack(texts);
            writer.Write(XxHash3.HashToUInt64(blob));
            writer.Write(blob);
        }
        return buffer.ToArray();
    }

    /// <summary>The chunks as a snapshot holds them, with their texts still packed, unpacked when one is first read.</summary>
    /// <param name="keep">Where the packed texts are copied to be kept (else <paramref name="packed"/> is kept).</param>
    /// <exception cref="InvalidDataException">The bytes are not packed chunks of a version this one reads (a damaged file).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<IndexedChunk> Unpack(string source, byte[] packed, ByteArena? keep = null)
    {
        try
        {
            if (packed.Length > 0 && packed[0] != Version) return UnpackAllCompressed(source, packed);
            var reader = new SpanReader(packed);
            if (reader.ReadByte() != Version) throw new InvalidDataException($"The chunks of {source} are stored in a format this version does not read.");
            var chunks = new List<IndexedChunk>(reader.ReadCount());
            var lengths = 0;
            ReadOnlyMemory<byte> rest = default; // the packed texts, after the chunks' places
            var texts = new Lazy<byte[]>(() => Compressed.Unpack($"The texts of {source}", rest.Span));
            for (var i = chunks.Capacity; i > 0; i--)
            {
                var index = reader.Read7BitEncodedInt();
                var language = Language(ref reader, chunks.Count > 0 ? chunks[^1].Language : null);
                // Of the texts packed after these: checked against their unpacked size below.
                var length = reader.Read7BitEncodedInt() is var l and >= 0 ? l : throw new FormatException("A text length is negative.");
                var chunk = new Chunk(source, index, texts, lengths, length, ReadSentences(ref reader));
                lengths += length;
                chunks.Add(new IndexedChunk(chunk, language, ReadVector(ref reader)));
            }
            // Checked now, so that damage is found when the database is read, not by the first question that reads a text.
            var hash = reader.ReadUInt64();
            rest = packed.AsMemory(packed.Length - reader.Remaining);
            if (XxHash3.HashToUInt64(rest.Span) != hash || rest.Length < 4 || BitConverter.ToInt32(rest.Span) != lengths)
                throw new InvalidDataException($"The texts of {source} are damaged.");
            if (keep is not null) rest = keep.Keep(rest.Span);
            return chunks;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"The chunks of {source} are cut short or garbled.", e);
        }
    }

    static List<IndexedChunk> UnpackAllCompressed(string source, byte[] packed)
    {
        var reader = new SpanReader(Compressed.Unpack($"The chunks of {source}", packed));
        if (reader.ReadByte() != AllCompressed) throw new InvalidDataException($"The chunks of {source} are stored in a format this version does not read.");
        var chunks = new List<IndexedChunk>(reader.ReadCount());
        for (var i = chunks.Capacity; i > 0; i--)
        {
            var index = reader.Read7BitEncodedInt();
            var language = Language(ref reader, chunks.Count > 0 ? chunks[^1].Language : null);
            var utf8 = reader.ReadBytes(reader.ReadCount()).ToArray();
            chunks.Add(new IndexedChunk(new Chunk(source, index, utf8, ReadSentences(ref reader)), language, ReadVector(ref reader)));
        }
        return chunks;
    }

    /// <summary>A chunk's language, one string for all chunks of it: mostly the one of the chunk before, else interned.</summary>
    static string Language(ref SpanReader reader, string? previous)
    {
        var utf8 = reader.ReadBytes(reader.ReadCount());
        return previous is not null && Ascii.Equals(utf8, previous) ? previous : string.Intern(Encoding.UTF8.GetString(utf8));
    }

    // Offsets grow through a source: each start and end as the step from the offset before, mostly one or two bytes.
    static void WriteSentences(BinaryWriter writer, IReadOnlyList<TextSpan> sentences)
    {
        writer.Write7BitEncodedInt(2 * sentences.Count);
        var previous = 0;
        foreach (var sentence in sentences)
        {
            writer.Write7BitEncodedInt(sentence.Start - previous);
            writer.Write7BitEncodedInt(sentence.End - sentence.Start);
            previous = sentence.End;
        }
    }

    /// <summary>The sentences' places, written as their start and end offsets.</summary>
    static TextSpan[] ReadSentences(ref SpanReader reader)
    {
        var offsets = reader.ReadCount();
        if (offsets % 2 != 0) throw new FormatException("A sentence's offsets come in pairs.");
        var spans = new TextSpan[offsets / 2];
        for (int s = 0, previous = 0; s < spans.Length; s++)
        {
            var start = previous += reader.Read7BitEncodedInt();
            spans[s] = new TextSpan(start, previous += reader.Read7BitEncodedInt());
        }
        return spans;
    }

    static float[]? ReadVector(ref SpanReader reader) =>
        reader.ReadByte() == 0 ? null : MemoryMarshal.Cast<byte, float>(reader.ReadBytes(reader.ReadCount())).ToArray();
}
