namespace TalksBot.Storage;

/// <summary>A path with every link in it resolved, so that one file reached by two names is known as one.</summary>
public static class RealPath
{
    /// <summary>Links resolved in a row before a path is called a loop, as Linux's ELOOP.</summary>
    const int MaxLinkHops = 40;

    /// <summary>The path with every link in it resolved, as realpath(3) gives it; IOException when links loop.</summary>
    public static string Of(string path)
    {
        var hops = 0;
        return Resolve(Path.GetFullPath(path), ref hops);
    }

    static string Resolve(string full, ref int hops)
    {
        var root = Path.GetPathRoot(full)!;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                real = next;
                continue;
            }
            if (++hops > MaxLinkHops) throw new IOException($"Too many levels of links in {full}.");
            real = Resolve(Path.GetFullPath(target, real), ref hops);
        }
        return real;
    }
}
