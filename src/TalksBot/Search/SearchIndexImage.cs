using System.Runtime.CompilerServices;
using System.Text;
using TalksBot.Ingest;

namespace TalksBot.Search;

/// <summary>
/// A snapshot's postings as bytes, so that a restart reads them back instead of working them out again
/// from every chunk's terms (a hash lookup per occurrence, the acronyms found anew): most of what a
/// restart of a large index spent. Each chunk's term set is the postings turned around, not stored.
/// </summary>
public sealed partial class SearchIndex
{
    const byte ImageVersion = 2;

    /// <summary>Each term with its postings: the layout before version 2, still read.</summary>
    const byte TermsWithPostings = 1;

    public byte[] Image()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(ImageVersion);
            writer.Write7BitEncodedInt(Chunks.Count);
            writer.Write(Fingerprint(Chunks));
            // The terms first: reading them back, the spelling variants are worked out on one core while the postings are read on another.
            writer.Write7BitEncodedInt(Terms.Length);
            foreach (var term in Terms) writer.Write(term);
            for (var id = 0; id < Terms.Length; id++)
            {
                writer.Write7BitEncodedInt(postingDocs[id].Length);
                var previous = -1;
                foreach (var doc in postingDocs[id])
                {
                    writer.Write7BitEncodedInt(doc - previous);
                    previous = doc;
                }
                foreach (var frequency in postingFrequencies[id]) writer.Write7BitEncodedInt(frequency);
            }
            foreach (var length in lengths) writer.Write7BitEncodedInt(length);
            writer.Write7BitEncodedInt(expansions.Count);
            foreach (var (acronym, ids) in expansions)
            {
                writer.Write(acronym);
                writer.Write7BitEncodedInt(ids.Count);
                foreach (var id in ids) writer.Write7BitEncodedInt(id); // in the set's order, which reading keeps
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A snapshot of <paramref name="chunks"/>, in the order the image was made from, with the image's postings.</summary>
    /// <exception cref="InvalidDataException">The image is damaged, of another version, or of other chunks.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SearchIndex FromImage(IReadOnlyList<IndexedChunk> chunks, IReadOnlyDictionary<string, SourceInfo> sources, byte[] image)
    {
        try
        {
            var reader = new SpanReader(image);
            var version = reader.ReadByte();
            if (version is not (ImageVersion or TermsWithPostings)) throw new InvalidDataException("The search image is of a format this version does not read.");
            if (reader.Read7BitEncodedInt() != chunks.Count || reader.ReadUInt64() != Fingerprint(chunks))
                throw new InvalidDataException("The search image is not of the stored chunks.");
            var terms = new string[reader.ReadCount()];
            Task<VariantIndex>? variants = null;
            if (version == ImageVersion)
            {
                for (var id = 0; id < terms.Length; id++) terms[id] = reader.ReadString();
                variants = Task.Run(() => new VariantIndex(terms));
            }
            var docs = new int[terms.Length][];
            var frequencies = new ushort[terms.Length][];
            var setSizes = new int[chunks.Count];
            for (var id = 0; id < terms.Length; id++)
            {
                if (version == TermsWithPostings) terms[id] = reader.ReadString();
                docs[id] = new int[reader.ReadCount()];
                for (int i = 0, doc = -1; i < docs[id].Length; i++)
                {
                    docs[id][i] = doc += reader.Read7BitEncodedInt();
                    setSizes[doc]++;
                }
                frequencies[id] = new ushort[docs[id].Length];
                for (var i = 0; i < frequencies[id].Length; i++) frequencies[id][i] = checked((ushort)reader.Read7BitEncodedInt());
            }
            var lengths = new int[chunks.Count];
            for (var doc = 0; doc < lengths.Length; doc++) lengths[doc] = reader.Read7BitEncodedInt();
            var postings = new Postings(terms, docs, frequencies, lengths, Transposed(docs, setSizes), Expansions(ref reader, terms.Length));
            return new SearchIndex([.. chunks], sources, postings, variants?.GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("The search image is cut short or garbled.", e);
        }
    }

    /// <summary>Each chunk's distinct term ids, sorted: the posting lists read term by term, turned around.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int[][] Transposed(int[][] docs, int[] setSizes)
    {
        var sets = new int[setSizes.Length][];
        for (var doc = 0; doc < sets.Length; doc++) sets[doc] = new int[setSizes[doc]];
        var filled = new int[setSizes.Length];
        for (var id = 0; id < docs.Length; id++)
            foreach (var doc in docs[id]) sets[doc][filled[doc]++] = id;
        return sets;
    }

    static Dictionary<string, HashSet<int>> Expansions(ref SpanReader reader, int termCount)
    {
        var expansions = new Dictionary<string, HashSet<int>>();
        for (var i = reader.ReadCount(); i > 0; i--)
        {
            var ids = expansions[reader.ReadString()] = [];
            for (var j = reader.ReadCount(); j > 0; j--)
            {
                var id = reader.Read7BitEncodedInt();
                if (id >= termCount) throw new FormatException($"Term {id} is out of range.");
                ids.Add(id);
            }
        }
        return expansions;
    }

    /// <summary>Which chunks, in which order (FNV-1a over their ids): an image is only good for the chunks it was made from.</summary>
    static ulong Fingerprint(IReadOnlyList<IndexedChunk> chunks)
    {
        var hash = 14695981039346656037UL;
        foreach (var chunk in chunks)
        {
            foreach (var c in chunk.Chunk.Source) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ (ulong)chunk.Chunk.Index ^ 0x8000_0000UL) * 1099511628211UL;
        }
        return hash;
    }
}
