namespace TalksBot.Index;

/// <summary>
/// Copies of many small byte values kept for a snapshot's lifetime, in a few large blocks. A restart reads
/// every source's packed texts: kept as LiteDB hands them over, 10,000 young arrays that the collections
/// during the load copy from generation to generation (one promoted 26 MB at 10,000 articles, 16 MB with
/// the blocks); blocks this large are allocated where the collector does not move them, and LiteDB's
/// arrays die young instead.
/// </summary>
public sealed class ByteArena
{
    const int BlockBytes = 1 << 22;
    byte[] block = [];
    int used;

    public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> value)
    {
        if (value.Length > BlockBytes / 4) return value.ToArray();
        if (used + value.Length > block.Length) (block, used) = (new byte[BlockBytes], 0);
        value.CopyTo(block.AsSpan(used));
        used += value.Length;
        return block.AsMemory(used - value.Length, value.Length);
    }
}
