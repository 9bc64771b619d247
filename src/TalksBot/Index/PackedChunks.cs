using System.Text;
using TalksBot.Search;

namespace TalksBot.Index;

/// <summary>
/// A source's chunks as one binary value, compressed, without their terms (the store keeps those in the
/// snapshot's image). LiteDB spends most of a reindex's write and of a restart's read on per-document
/// and per-field work (a BSON document per chunk, an element per sentence offset): one value per source
/// is written and read as a single block of bytes.
/// </summary>
public static class PackedChunks
{
    const byte Version = 2;

    public static byte[] Pack(IReadOnlyList<StoredChunk> chunks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(chunks.Count);
            foreach (var chunk in chunks)
            {
                writer.Write7BitEncodedInt(chunk.Index);
                writer.Write(chunk.Language);
                writer.Write7BitEncodedInt(chunk.Utf8.Length); // as BinaryWriter writes a string, without decoding and encoding it
                writer.Write(chunk.Utf8);
                // Offsets grow through a source: each as the step from the one before, mostly one or two bytes.
                writer.Write7BitEncodedInt(chunk.Sentences.Length);
                var previous = 0;
                foreach (var offset in chunk.Sentences)
                {
                    writer.Write7BitEncodedInt(offset - previous);
                    previous = offset;
                }
                writer.Write(chunk.Vector is not null);
                if (chunk.Vector is null) continue;
                writer.Write7BitEncodedInt(chunk.Vector.Length);
                writer.Write(chunk.Vector);
            }
        }
        return Compressed.Pack(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <exception cref="InvalidDataException">The bytes are not packed chunks of this version (a damaged file).</exception>
    public static List<StoredChunk> Unpack(string source, byte[] packed)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Compressed.Unpack($"The chunks of {source}", packed), writable: false), Encoding.UTF8);
            if (reader.ReadByte() != Version) throw new InvalidDataException($"The chunks of {source} are stored in a format this version does not read.");
            var chunks = new List<StoredChunk>(reader.ReadCount());
            for (var i = chunks.Capacity; i > 0; i--)
            {
                var chunk = new StoredChunk { Source = source, Index = reader.Read7BitEncodedInt(), Language = string.Intern(reader.ReadString()) };
                chunk.Id = $"{source}#{chunk.Index}";
                chunk.Utf8 = reader.ReadBytes(reader.ReadCount());
                chunk.Sentences = new int[reader.ReadCount()];
                for (int s = 0, previous = 0; s < chunk.Sentences.Length; s++) chunk.Sentences[s] = previous += reader.Read7BitEncodedInt();
                if (reader.ReadBoolean()) chunk.Vector = reader.ReadBytes(reader.ReadCount());
                chunks.Add(chunk);
            }
            return chunks;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"The chunks of {source} are cut short or garbled.", e);
        }
    }
}
