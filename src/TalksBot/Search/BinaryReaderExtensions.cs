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
