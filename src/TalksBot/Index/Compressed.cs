using System.IO.Compression;

namespace TalksBot.Index;

/// <summary>
/// Values the LiteDB store writes as compressed bytes: Brotli's span API at its fastest level (no stream or
/// encoder state per value), about half the bytes, which LiteDB's pages then hold twice as many of (a
/// value just over half a page takes a page of its own).
/// </summary>
public static class Compressed
{
    public static byte[] Pack(ReadOnlySpan<byte> raw)
    {
        var packed = new byte[4 + BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        BitConverter.TryWriteBytes(packed, raw.Length);
        if (!BrotliEncoder.TryCompress(raw, packed.AsSpan(4), out var written, quality: 1, window: 22)) throw new InvalidOperationException("Brotli could not compress the value.");
        return packed[..(4 + written)];
    }

    /// <param name="what">Names the value in the message when it is damaged.</param>
    /// <exception cref="InvalidDataException">The bytes are damaged.</exception>
    public static byte[] Unpack(string what, ReadOnlySpan<byte> packed)
    {
        // A damaged length must not become an allocation of gigabytes: text compresses well, but not by hundreds.
        var size = packed.Length >= 4 ? BitConverter.ToInt32(packed) : -1;
        if (size < 0 || size > 256L * packed.Length + 4096) throw new InvalidDataException($"{what} has a damaged length.");
        var raw = new byte[size];
        if (!BrotliDecoder.TryDecompress(packed[4..], raw, out var written) || written != raw.Length)
            throw new InvalidDataException($"{what} cannot be unpacked.");
        return raw;
    }
}
