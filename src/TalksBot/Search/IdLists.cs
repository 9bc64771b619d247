using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TalksBot.Search;

/// <summary>
/// Ids filed under keys, each key's in the order given, held as one flat array with where each key's
/// run starts: a snapshot's lookup tables had a list per key, and a hundred thousand small lists were
/// most of their build time and memory.
/// </summary>
public sealed class IdLists<TKey> where TKey : notnull
{
    readonly Dictionary<TKey, int> listOf = [];
    readonly int[] starts;
    readonly int[] ids;

    /// <param name="entries">Keys with ids; each key's ids are kept in this order.</param>
    // Compiled optimised at once: a restart waits for the spelling variants, two of these made from hundreds of thousands of entries.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IdLists(List<(TKey Key, int Id)> entries)
    {
        var sizes = new List<int>();
        var filed = new List<(int List, int Id)>();
        foreach (var (key, id) in entries)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(listOf, key, out var known);
            if (!known)
            {
                list = sizes.Count;
                sizes.Add(0);
            }
            sizes[list]++;
            filed.Add((list, id));
        }
        starts = new int[sizes.Count + 1];
        for (var list = 0; list < sizes.Count; list++) starts[list + 1] = starts[list] + sizes[list];
        ids = new int[filed.Count];
        var next = starts[..^1];
        foreach (var (list, id) in filed) ids[next[list]++] = id;
    }

    /// <summary>The ids filed under <paramref name="key"/>, in the order given; none when it has none.</summary>
    public ReadOnlySpan<int> this[TKey key] => listOf.TryGetValue(key, out var list) ? ids.AsSpan(starts[list], starts[list + 1] - starts[list]) : [];
}
