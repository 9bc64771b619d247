using Microsoft.Extensions.DependencyInjection;
using LiteDB;
using TalksBot.Index;
using TalksBot.Storage;

namespace TalksBot.Tests.Index;

/// <summary>Writes from many callers committed together: each caller's write is on disk when its task completes, and a bad write fails alone.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task ConcurrentWritesAreAllCommittedAndABadOneFailsAlone()
    {
        using var kb = new TestKnowledgeBase(withSeeds: false);
        var services = kb.Start();
        var commits = services.GetRequiredService<LiteDbGroupCommit>();
        var notes = services.GetRequiredService<LiteDatabase>().GetCollection("notes");
        await commits.RunAsync(() => notes.Insert(new BsonDocument { ["_id"] = 0, ["n"] = -1 }));

        // Many at once, so that batches form; every tenth inserts a key already taken, which fails its write.
        var writes = Enumerable.Range(0, 400).Select(i => Task.Run(() => commits.RunAsync(() =>
        {
            notes.Insert(new BsonDocument { ["_id"] = i % 10 == 9 ? 0 : i + 1000, ["n"] = i });
            return i;
        }))).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { })));

        var failed = writes.Where(w => w.IsFaulted).ToList();
        Assert.Equal(40, failed.Count);
        Assert.All(failed, w => Assert.IsType<LiteException>(w.Exception!.InnerException));
        Assert.All(writes.Where(w => !w.IsFaulted), w => Assert.InRange(w.Result, 0, 399));
        kb.Stop();

        // Read back by a new process: every write that was acknowledged is there, no failed one is.
        using var db = new LiteDatabase($"Filename={kb.Database};Connection=direct");
        var stored = db.GetCollection("notes").FindAll().Select(d => d["n"].AsInt32).Order().ToList();
        Assert.Equal(Enumerable.Range(-1, 401).Where(i => i % 10 != 9), stored);
    }
}
