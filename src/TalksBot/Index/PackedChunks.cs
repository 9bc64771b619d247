using System.IO.Compression;
using System.Text;

namespace TalksBot.Index;

/// <summary>
/// A source's chunks as one binary value, compressed. LiteDB spends most of a reindex's write and of
/// a restart's read on per-document and per-field work (a BSON document per chunk, an element per
/// sentence offset): one value per source is written and read as a single block of bytes.
/// </summary>
public static class PackedChunks
{
    const byte Version = 1;

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
                writer.Write(chunk.Text);
                writer.Write(chunk.Terms);
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
        return Compress(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <exception cref="InvalidDataException">The bytes are not packed chunks of this version (a damaged file).</exception>
    public static List<StoredChunk> Unpack(string source, byte[] packed)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Decompress(source, packed), writable: false), Encoding.UTF8);
            if (reader.ReadByte() != Version) throw new InvalidDataException($"The chunks of {source} are stored in a format this version does not read.");
            var chunks = new List<StoredChunk>(Count(reader));
            for (var i = chunks.Capacity; i > 0; i--)
            {
                var chunk = new StoredChunk { Source = source, Index = reader.Read7BitEncodedInt(), Language = string.Intern(reader.ReadString()) };
                chunk.Id = $"{source}#{chunk.Index}";
                chunk.Text = reader.ReadString();
                chunk.Terms = reader.ReadString();
                chunk.Sentences = new int[Count(reader)];
                for (int s = 0, previous = 0; s < chunk.Sentences.Length; s++) chunk.Sentences[s] = previous += reader.Read7BitEncodedInt();
                if (reader.ReadBoolean()) chunk.Vector = reader.ReadBytes(Count(reader));
                chunks.Add(chunk);
            }
            return chunks;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"The chunks of {source} are cut short or garbled.", e);
        }
    }

    /// <summary>A count read back: never more than there are bytes left, so damage cannot ask for a huge array.</summary>
    static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position) throw new FormatException($"A count of {count} is out of range.");
        return count;
    }

    // Brotli's span API at its fastest level: no stream or encoder state per value, and about half the bytes,
    // which LiteDB's pages then hold twice as many of (a value just over half a page takes a page of its own).
    static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        var packed = new byte[4 + BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        BitConverter.TryWriteBytes(packed, raw.Length);
        if (!BrotliEncoder.TryCompress(raw, packed.AsSpan(4), out var written, quality: 1, window: 22)) throw new InvalidOperationException("Brotli could not compress the chunks.");
        return packed[..(4 + written)];
    }

    static byte[] Decompress(string source, byte[] packed)
    {
        // A damaged length must not become an allocation of gigabytes: text compresses well, but not by hundreds.
        var size = packed.Length >= 4 ? BitConverter.ToInt32(packed) : -1;
        if (size < 0 || size > 256L * packed.Length + 4096) throw new InvalidDataException($"The chunks of {source} have a damaged length.");
        var raw = new byte[size];
        if (!BrotliDecoder.TryDecompress(packed.AsSpan(4), raw, out var written) || written != raw.Length)
            throw new InvalidDataException($"The chunks of {source} cannot be unpacked.");
        return raw;
    }
}
