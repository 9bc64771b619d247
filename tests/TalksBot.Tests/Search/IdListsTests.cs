using TalksBot.Search;

namespace TalksBot.Tests.Search;

/// <summary>The flat lookup table behind the spelling variants: each key's ids in the order given, none for a key never given.</summary>
public class IdListsTests
{
    [Fact]
    public void EachKeyGivesItsIdsInTheOrderGiven()
    {
        var lists = new IdLists<string>([("kv", 3), ("mskw", 1), ("kv", 0), ("kv", 7), ("mskw", 2), ("x", 5)]);

        Assert.Equal([3, 0, 7], lists["kv"].ToArray());
        Assert.Equal([1, 2], lists["mskw"].ToArray());
        Assert.Equal([5], lists["x"].ToArray());
        Assert.True(lists["absent"].IsEmpty);
    }

    [Fact]
    public void NoEntriesMakeAnEmptyTable()
    {
        var lists = new IdLists<long>([]);

        Assert.True(lists[42].IsEmpty);
    }
}
