namespace TalksBot.Search;

public static class BinaryReaderExtensions
{
    /// <summary>A count read back: never more than there are bytes left, so damage cannot ask for a huge array.</summary>
    public static int ReadCount(this BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position) throw new FormatException($"A count of {count} is out of range.");
        return count;
    }
}

/// <summary>
/// Reads what a <see cref="BinaryWriter"/> wrote (7-bit encoded integers, length-prefixed UTF-8 strings)
/// straight from bytes: a restart reads millions of them, and a stream's reader takes a call per byte.
/// </summary>
public ref struct SpanReader(ReadOnlySpan<byte> bytes)
{
    readonly ReadOnlySpan<byte> bytes = bytes;
    int position;

    public readonly int Remaining => bytes.Length - position;

    public byte ReadByte() => position < bytes.Length ? bytes[position++] : throw new EndOfStreamException();

    public int Read7BitEncodedInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return (int)value;
        }
        throw new FormatException("A 7-bit encoded integer is too long.");
    }

    /// <summary>A count read back: never more than there are bytes left, so damage cannot ask for a huge array.</summary>
    public int ReadCount()
    {
        var count = Read7BitEncodedInt();
        if (count < 0 || count > Remaining) throw new FormatException($"A count of {count} is out of range.");
        return count;
    }

    public ulong ReadUInt64()
    {
        if (Remaining < 8) throw new EndOfStreamException();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[position..]);
        position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw new EndOfStreamException();
        var read = bytes.Slice(position, count);
        position += count;
        return read;
    }

    public string ReadString()
    {
        var length = ReadCount();
        var value = System.Text.Encoding.UTF8.GetString(bytes.Slice(position, length));
        position += length;
        return value;
    }
}
