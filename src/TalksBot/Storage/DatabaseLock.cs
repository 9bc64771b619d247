namespace TalksBot.Storage;

/// <summary>
/// Keeps the database file to this process alone. LiteDB's direct mode lets two processes open one
/// file and each write over the other's pages, which corrupts it for good; an exclusive lock on a file
/// beside it (released by the system when the process ends, however it ends) turns a second opener
/// away at once, and a note beside it says who holds it.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    readonly FileStream held;
    readonly string ownerPath;

    public DatabaseLock(string databasePath)
    {
        ownerPath = databasePath + ".owner";
        try
        {
            held = new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DatabaseUnusableException($"The folder of the database {databasePath} cannot be written ({e.Message}). Give this process write access to it, or point Index:DatabasePath elsewhere.", e);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or DriveNotFoundException))
        {
            throw new DatabaseInUseException(databasePath, Owner(), e);
        }
        owner = $"process {Environment.ProcessId} ({Program()}), since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC";
        File.WriteAllText(ownerPath, owner);
    }

    readonly string owner;

    /// <summary>
    /// Says where the holder serves, with a token for the verbs that find the file taken: they ask it
    /// instead (<see cref="Cli.ServedVerbs"/>). Only who may read this file (mode 600) learns the token.
    /// </summary>
    public void Announce(string url, string token)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(ownerPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(ownerPath, $"{owner}\nserve {url} {token}\n");
    }

    /// <summary>The address and token the process holding <paramref name="databasePath"/> announced, if it serves.</summary>
    public static (string Url, string Token)? Holder(string databasePath)
    {
        try
        {
            foreach (var line in File.ReadLines(databasePath + ".owner"))
                if (line.Split(' ') is ["serve", var url, var token]) return (url, token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>"TalksBot serve": the program and its verb only, since a question on the command line is the asker's, not the operator's.</summary>
    static string Program()
    {
        var name = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown program";
        var verb = name == "TalksBot" ? Environment.GetCommandLineArgs().Skip(1).FirstOrDefault(a => !a.StartsWith('-')) : null;
        return verb is null ? name : $"{name} {verb}";
    }

    string Owner()
    {
        try { return File.ReadLines(ownerPath).FirstOrDefault()?.Trim() ?? "another process"; }
        catch (IOException) { return "another process"; }
    }

    public void Dispose()
    {
        try { File.Delete(ownerPath); } catch (IOException) { }
        held.Dispose();
    }
}

/// <summary>The database file cannot be used as it is; the message names the file and what to do. Nothing was written to it.</summary>
public class DatabaseUnusableException(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    /// <summary>A LiteDB file that cannot be read, with the way back: <c>seeds/</c> are the source of truth.</summary>
    public static DatabaseUnusableException Damaged(string path, Exception e) => new(
        $"The database {path} is damaged ({e.GetType().Name}: {e.Message}). " +
        $"The index can be rebuilt from seeds/: move the file away (mv {path} {path}.damaged) and run `index`.", e);
}

public sealed class DatabaseInUseException(string path, string owner, IOException inner) : DatabaseUnusableException(
    $"The database {path} is in use by {owner}. One process at a time may open it: stop that one first, " +
    "or point this one at another Index:DatabasePath (it builds its own index from seeds/).", inner)
{
    public string DatabasePath => path;
}
