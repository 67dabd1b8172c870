using Images;

namespace Build.Tests.Images;

public class BaseImageLockTests
{
    const string Lock = """
        # comment
        libc6=2.36-9+deb12u14

        zlib1g=1:1.2.13.dfsg-1
          tzdata = 2026f-0+deb12u1
        """;

    [Fact]
    public void A_lock_file_is_name_equals_version_lines_with_comments_and_blank_lines_ignored()
    {
        var parsed = BaseImageLock.Parse(Lock);

        Assert.Equal(
            [new LockedPackage("libc6", "2.36-9+deb12u14"), new LockedPackage("zlib1g", "1:1.2.13.dfsg-1"), new LockedPackage("tzdata", "2026f-0+deb12u1")],
            parsed.Packages);
        Assert.Equal("zlib1g=1:1.2.13.dfsg-1", parsed.Packages[1].ToString());
    }

    [Theory]
    [InlineData("libc6 2.36", "line 1: 'libc6 2.36' is not 'name=version'")]
    [InlineData("# pins\nLibC6=2.36", "line 2: 'LibC6' is not a Debian package name")]
    [InlineData("libc6=latest", "line 1: 'latest' is not a Debian version (of libc6)")]
    [InlineData("libc6=2.36\nlibc6=2.37", "line 2: libc6 is pinned twice")]
    [InlineData("# nothing pinned\n", "the lock file pins no package")]
    public void A_malformed_lock_file_is_refused_naming_the_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => BaseImageLock.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Order_and_comments_do_not_change_the_hash_so_they_do_not_rebuild_the_base()
    {
        var reordered = BaseImageLock.Parse("# other words\ntzdata=2026f-0+deb12u1\nzlib1g=1:1.2.13.dfsg-1\nlibc6=2.36-9+deb12u14\n");

        Assert.Equal(BaseImageLock.Parse(Lock).ContentHash, reordered.ContentHash);
    }

    [Fact]
    public void Any_changed_version_changes_the_hash_and_so_the_base_tag()
    {
        var original = BaseImageLock.Parse(Lock);
        var updated = BaseImageLock.Parse(Lock.Replace("deb12u14", "deb12u15", StringComparison.Ordinal));

        Assert.NotEqual(original.ContentHash, updated.ContentHash);
        Assert.NotEqual(ImageCatalog.OfflineBase(original, ContainerPlatform.Amd64), ImageCatalog.OfflineBase(updated, ContainerPlatform.Amd64));
        Assert.Matches("^todo-base:offline-[0-9a-f]{12}$", ImageCatalog.OfflineBase(original, ContainerPlatform.Amd64));
    }

    [Fact]
    public void Rendering_and_parsing_again_gives_the_same_pins_sorted_under_the_header()
    {
        var parsed = BaseImageLock.Parse(Lock);

        var rendered = parsed.Render("Pinned Debian packages.\nRefresh with OfflineBaseLock.");

        Assert.StartsWith("# Pinned Debian packages.\n# Refresh with OfflineBaseLock.\nlibc6=", rendered, StringComparison.Ordinal);
        Assert.Equal(parsed.ContentHash, BaseImageLock.Parse(rendered).ContentHash);
    }

    [Fact]
    public void The_committed_lock_file_pins_the_packages_of_the_measured_recipe()
    {
        var committed = BaseImageLock.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "build", "Images", "offline-base.lock")));

        Assert.Equal(
            ["base-files", "ca-certificates", "libc6", "libgcc-s1", "libssl3", "libstdc++6", "netbase", "tzdata", "zlib1g"],
            committed.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TodoApp.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TodoApp.slnx not found above the test output");
    }
}
