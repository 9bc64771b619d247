using System.Diagnostics;
using TalksBot.Bench;

namespace TalksBot.Tests.Index;

/// <summary>A database path holding something other than a whole database: one clear message, the file left as it was, and the documented way back.</summary>
public class DatabaseFileTests
{
    static async Task<(int Exit, string Output)> Run(TestKnowledgeBase kb, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database };
        using var process = Process.Start(BotProcess.StartInfo(kb.Root, environment, args))!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("garbage")]
    public async Task AFileThatIsNotADatabaseIsNamedAndLeftUntouched(string kind)
    {
        using var kb = new TestKnowledgeBase();
        Directory.CreateDirectory(Path.GetDirectoryName(kb.Database)!);
        var bytes = kind == "text" ? "notes I keep here\n"u8.ToArray() : Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251)).ToArray();
        await File.WriteAllBytesAsync(kb.Database, bytes);

        var (exit, output) = await Run(kb, "status");

        Assert.Equal(1, exit);
        Assert.Contains("is not a TalksBot database", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(kb.Database));
    }

    [Fact]
    public async Task ADamagedDatabaseIsNamedWithTheWayBackAndTheWayBackWorks()
    {
        using var kb = new TestKnowledgeBase();
        Assert.Equal(0, (await Run(kb, "index")).Exit);
        var whole = await File.ReadAllBytesAsync(kb.Database);
        await File.WriteAllBytesAsync(kb.Database, whole[..(whole.Length * 3 / 4)]);

        var (exit, output) = await Run(kb, "status");
        Assert.Equal(1, exit);
        Assert.Matches("is damaged|cannot be read", output);
        Assert.Contains($"mv {kb.Database} {kb.Database}.damaged", output);
        Assert.DoesNotContain("Unhandled exception", output);

        File.Move(kb.Database, kb.Database + ".damaged");
        Assert.Equal(0, (await Run(kb, "index")).Exit);
        var (ok, status) = await Run(kb, "status");
        Assert.Equal(0, ok);
        Assert.StartsWith("5 sources", status.Trim());
    }

    /// <summary>A page in the middle zeroed (the header and the collections still read): `serve` names it once and stops, not "previous index kept" first.</summary>
    [Fact]
    public async Task AZeroedPageStopsServeWithTheOneMessage()
    {
        using var kb = new TestKnowledgeBase();
        Assert.Equal(0, (await Run(kb, "index")).Exit);
        var bytes = await File.ReadAllBytesAsync(kb.Database);
        const int Page = 8192;
        Array.Clear(bytes, bytes.Length / 2 / Page * Page, Page);
        await File.WriteAllBytesAsync(kb.Database, bytes);

        var environment = new Dictionary<string, string> { ["TALKSBOT__SEEDS__PATH"] = kb.Seeds, ["TALKSBOT__INDEX__DATABASEPATH"] = kb.Database, ["TALKSBOT__SERVE__URLS"] = "http://127.0.0.1:0" };
        using var process = Process.Start(BotProcess.StartInfo(kb.Root, environment, "serve"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var all = await output + await error;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("is damaged", all);
        Assert.DoesNotContain("previous index is kept", all);
        Assert.DoesNotContain("   at ", all);
    }
}
