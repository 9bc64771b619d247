namespace TalksBot.Ingest;

/// <summary>
/// The files under the seeds folder, found the way `find -L` would but safe against what folders hold:
/// every real folder is visited once (a link back up is a loop, a second link to a folder is a copy),
/// links that lead out of the folder are passed over unless <see cref="SeedsOptions.FollowLinksOutside"/>
/// (a link to / would otherwise publish every text on the machine), and folders deeper than
/// <see cref="SeedsOptions.MaxDepth"/> are not entered. Whatever is passed over is named with its reason.
/// </summary>
/// <param name="Files">Paths of the files found, under their names in the folder (links by the link's name).</param>
/// <param name="UnreadableFolders">Subfolders that could not be listed, named with a trailing "/": what was indexed from them is kept.</param>
/// <param name="PassedOver">Sentences naming each link or folder not followed, and why.</param>
public sealed record SeedWalk(List<string> Files, List<string> UnreadableFolders, List<string> PassedOver)
{
    public static SeedWalk Of(string root, SeedsOptions options)
    {
        var walk = new SeedWalk([], [], []);
        var rootReal = Storage.RealPath.Of(root);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal) { [rootReal] = "" }; // real path → name in the folder
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<(string Path, string Real, int Depth)>([(root, rootReal, 0)]);
        var links = new List<(string Path, int Depth)>();
        string Name(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        // Folders reached without links first, so that a folder's own name wins over any link's to it.
        while (pending.Count > 0 || links.Count > 0)
        {
            while (pending.TryDequeue(out var folder))
            {
                FileSystemInfo[] entries;
                try
                {
                    entries = new DirectoryInfo(folder.Path).GetFileSystemInfos();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    walk.UnreadableFolders.Add(Name(folder.Path) + "/");
                    continue;
                }
                foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
                {
                    var real = Path.Combine(folder.Real, entry.Name);
                    // From the listing itself (a link is a reparse point): no further call for each of thousands of files.
                    if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint)) links.Add((entry.FullName, folder.Depth + 1));
                    else if (entry is FileInfo) { files.TryAdd(real, Name(entry.FullName)); walk.Files.Add(entry.FullName); }
                    else if (folder.Depth + 1 > options.MaxDepth)
                        walk.PassedOver.Add($"{Name(entry.FullName)}/ is deeper than {options.MaxDepth} folders (Seeds:MaxDepth); it is passed over.");
                    else if (folders.TryAdd(real, Name(entry.FullName))) pending.Enqueue((entry.FullName, real, folder.Depth + 1));
                }
            }
            var followed = links.ToList();
            links.Clear();
            foreach (var (path, depth) in followed) Follow(path, depth);
        }
        return walk;

        void Follow(string path, int depth)
        {
            var name = Name(path);
            string real;
            try
            {
                real = Storage.RealPath.Of(path);
            }
            catch (IOException)
            {
                walk.PassedOver.Add($"{name} cannot be read: its links go round in a loop.");
                return;
            }
            var isFolder = Directory.Exists(real);
            if (!isFolder && !File.Exists(real))
            {
                walk.PassedOver.Add($"{name} cannot be read: it is a link to {real}, which does not exist.");
                return;
            }
            var inside = real == rootReal || real.StartsWith(rootReal.TrimEnd('/') + "/", StringComparison.Ordinal);
            var shown = isFolder ? name + "/" : name;
            if (!inside && !options.FollowLinksOutside)
                walk.PassedOver.Add($"{shown} is a link out of the seeds folder (to {real}); it is passed over (Seeds:FollowLinksOutside).");
            else if (isFolder && folders.TryGetValue(real, out var seen))
                walk.PassedOver.Add(seen == "" || name.StartsWith(seen + "/", StringComparison.Ordinal)
                    ? $"{shown} is a link back into {(seen == "" ? "the seeds folder" : seen + "/")}, a loop; it is passed over."
                    : $"{shown} is a link to {seen}/, which is read under its own name; it is passed over.");
            else if (!isFolder && files.TryGetValue(real, out var same))
                walk.PassedOver.Add($"{shown} is a link to {same}, which is read under its own name; it is passed over.");
            else if (isFolder && depth > options.MaxDepth)
                walk.PassedOver.Add($"{shown} is deeper than {options.MaxDepth} folders (Seeds:MaxDepth); it is passed over.");
            else if (isFolder)
            {
                // Entered under the link's name: its files are named as the link shows them.
                folders[real] = name;
                pending.Enqueue((path, real, depth));
            }
            else
            {
                files[real] = name;
                walk.Files.Add(path);
            }
        }
    }
}
