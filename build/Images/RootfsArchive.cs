using System.Formats.Tar;

namespace Images;

/// <summary>Writes a directory tree as a tar whose bytes depend only on the tree's paths, contents, modes and
/// link targets: entries sorted, one fixed time, numeric owners without names. That is what makes the offline
/// base image ID the same on every machine that assembles it from the same lock file.</summary>
public static class RootfsArchive
{
    /// <summary>The time every entry carries; the Unix epoch is what distroless images use too.</summary>
    public static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    /// <param name="ownerOf">uid/gid of each entry, by its path relative to the root (no leading slash).</param>
    public static void Write(string rootDirectory, Stream destination, Func<string, (int Uid, int Gid)> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        var root = new DirectoryInfo(rootDirectory);
        var entries = Walk(root)
            .Select(info => (Path: Path.GetRelativePath(root.FullName, info.FullName).Replace('\\', '/'), Info: info))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();

        using var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var (path, info) in entries)
        {
            var (uid, gid) = ownerOf(path);
            GnuTarEntry entry;
            if (info.LinkTarget is { } target)
                entry = new GnuTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target };
            else if (info is DirectoryInfo)
                entry = new GnuTarEntry(TarEntryType.Directory, path + "/");
            else
                entry = new GnuTarEntry(TarEntryType.RegularFile, path) { DataStream = File.OpenRead(info.FullName) };

            entry.Mode = info.LinkTarget is null ? info.UnixFileMode : (UnixFileMode)0b111_111_111;
            entry.Uid = uid;
            entry.Gid = gid;
            entry.UserName = string.Empty;
            entry.GroupName = string.Empty;
            entry.ModificationTime = FixedTime;
            entry.AccessTime = FixedTime;
            entry.ChangeTime = FixedTime;
            writer.WriteEntry(entry);
            entry.DataStream?.Dispose();
        }
    }

    // A symlink is an entry of its own and never a directory to descend into: following one that points at an absolute
    // path would archive the host's files (its /etc/ssl/certs, say) instead of the image's.
    static IEnumerable<FileSystemInfo> Walk(DirectoryInfo directory)
    {
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return info;
            if (info is DirectoryInfo child && info.LinkTarget is null)
                foreach (var descendant in Walk(child))
                    yield return descendant;
        }
    }
}
