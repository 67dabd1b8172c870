using System.Runtime.Versioning;
using System.Text;
using Engine;

namespace Images;

/// <summary>Assembles a distroless base image from the Debian packages pinned in the lock file, for machines where
/// the official chiseled image cannot be pulled. No package scripts run (nothing is installed, only unpacked), so
/// whatever they would have done — users, the CA bundle — is done here, deterministically. Needs apt and dpkg-deb,
/// so Debian or Ubuntu hosts only; elsewhere the official base is the way.</summary>
[SupportedOSPlatform("linux")]
public sealed class OfflineBaseImage(Docker docker, string workDirectory, ContainerPlatform platform)
{
    public const int AppUid = 1654;

    // What the official chiseled runtime-deps image sets, so that both bases behave the same under the same Dockerfile.
    static readonly string[] Environment =
    [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        $"APP_UID={AppUid}",
        "ASPNETCORE_HTTP_PORTS=8080",
        "DOTNET_RUNNING_IN_CONTAINER=true",
        "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true",
    ];

    // Unpacked but never needed at run time: documentation, maintainer tooling, executables (there is no shell to run
    // them), charset converters .NET does not use. Copyright files stay: the licenses travel with the binaries.
    string[] Pruned =>
    [
        "usr/share/man", "usr/share/info", "usr/share/lintian", "usr/share/gdb", "usr/share/gcc", "usr/share/bug",
        "usr/share/ca-certificates", "usr/share/common-licenses", "usr/share/base-files", "usr/share/menu",
        $"usr/lib/{platform.MultiarchTriplet}/gconv", $"usr/lib/{platform.MultiarchTriplet}/audit",
        "usr/bin", "usr/sbin", "bin", "sbin", "etc/profile", "etc/profile.d", "etc/skel", "etc/dot.bashrc",
        "etc/update-motd.d", "etc/init.d",
    ];

    /// <summary>Makes sure the base for <paramref name="baseLock"/> is in the local image store.</summary>
    /// <returns>Its reference and whether it had to be assembled (false: cached).</returns>
    public async Task<(string Reference, bool Assembled)> EnsureAsync(BaseImageLock baseLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseLock);
        var reference = ImageCatalog.OfflineBase(baseLock, platform);
        if (await docker.InspectImageAsync(reference, cancellationToken) is not null)
            return (reference, false);

        var archive = await AssembleAsync(baseLock, cancellationToken);
        await docker.LoadAsync(archive, cancellationToken);
        return (reference, true);
    }

    /// <summary>Downloads, unpacks and archives; the result is a `docker load` archive whose image ID depends only on
    /// the lock file.</summary>
    public async Task<string> AssembleAsync(BaseImageLock baseLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseLock);
        var hash = $"{baseLock.ContentHash[..12]}-{platform.Architecture}";
        var packages = Path.Combine(workDirectory, "debs");
        var rootfs = Path.Combine(workDirectory, $"rootfs-{hash}");
        var debs = await DownloadAsync(baseLock, packages, cancellationToken);

        if (Directory.Exists(rootfs))
            Directory.Delete(rootfs, recursive: true);
        Directory.CreateDirectory(rootfs);
        foreach (var (package, deb) in debs)
        {
            await RunAsync("dpkg-deb", ["--extract", deb, rootfs], cancellationToken);
            // A package manifest per package (like distroless' status.d) lets vulnerability scanners see what is inside.
            var control = await RunAsync("dpkg-deb", ["--field", deb], cancellationToken);
            WriteFile(rootfs, $"var/lib/dpkg/status.d/{package.Name}", control.StandardOutput);
        }

        // Configure first: the CA bundle is made from certificates that Prune then removes.
        Configure(rootfs);
        Prune(rootfs);

        var layer = Path.Combine(workDirectory, $"layer-{hash}.tar");
        await using (var stream = File.Create(layer))
            RootfsArchive.Write(rootfs, stream, OwnerOf);

        var archive = Path.Combine(workDirectory, $"{ImageCatalog.OfflineBaseRepository}-{hash}.tar");
        var spec = new ImageConfigSpec(
            User: AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Environment,
            new Dictionary<string, string>
            {
                [ImageCatalog.BaseLockLabel] = baseLock.ContentHash,
                ["org.opencontainers.image.title"] = "todo offline base (distroless, Debian 12 packages)",
                ["org.opencontainers.image.description"] = string.Join(' ', baseLock.Packages),
            },
            // amd64's words stay as they were before arm64 existed: they are part of the config, so of the image ID.
            CreatedBy: $"assembled from build/Images/offline-base.lock (recipe "
                + $"{BaseImageLock.RecipeVersion}{(platform == ContainerPlatform.Amd64 ? "" : $", {platform.DebianArchitecture}")})",
            platform);
        await using (var stream = File.Create(archive))
            ImageArchive.Write(layer, spec, ImageCatalog.OfflineBase(baseLock, platform), stream);
        Directory.Delete(rootfs, recursive: true);
        File.Delete(layer);
        return archive;
    }

    static (int Uid, int Gid) OwnerOf(string path) =>
        path == "home/app" ? (AppUid, AppUid) : (0, 0);

    async Task<IReadOnlyList<(LockedPackage Package, string Deb)>> DownloadAsync(BaseImageLock baseLock, string directory,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var missing = baseLock.Packages.Where(p => FindDeb(directory, p) is null).ToList();
        if (missing.Count > 0)
        {
            var result = await RunAsync("apt-get", ["download", .. await QualifiedAsync(missing, cancellationToken)], cancellationToken,
                directory, allowFailure: true);
            if (result.ExitCode != 0)
                throw new InvalidOperationException(
                    $"apt-get could not download the pinned packages ({string.Join(' ', missing)}):\n{result.StandardError.Trim()}\n" +
                    "Fix: run `apt-get update` (apt only knows versions in its lists). If a version is still not found, Debian " +
                    "has replaced it with a security update: refresh the pins with `./build.sh OfflineBaseLock` and commit " +
                    "build/Images/offline-base.lock. Or use the official base: `docker pull " + ImageCatalog.OfficialBase +
                    "` and `--base-image-source official`." + (platform == ContainerPlatform.Amd64 ? "" :
                    $" For {platform.Name}, apt must know Debian's {platform.DebianArchitecture} packages: `dpkg --add-architecture " +
                    $"{platform.DebianArchitecture} && apt-get update`."));
        }

        return baseLock.Packages
            .Select(p
                => (p, FindDeb(directory, p)
                    ?? throw new InvalidOperationException($"apt-get download left no .deb for {p} in {directory}")))
            .ToList();
    }

    // A package built per architecture is asked for as name:arch=version (apt's native architecture is the host's);
    // an Architecture: all package (ca-certificates, tzdata, netbase) only as name=version: apt finds no name:arm64.
    async Task<IEnumerable<string>> QualifiedAsync(IReadOnlyList<LockedPackage> packages, CancellationToken cancellationToken)
    {
        var show = await RunAsync("apt-cache", ["show", .. packages.Select(p => p.ToString())], cancellationToken, allowFailure: true);
        var independent = AptStanzas.ArchitectureIndependent(show.StandardOutput);
        return packages.Select(p => independent.Contains(p.Name) ? p.ToString() : $"{p.Name}:{platform.DebianArchitecture}={p.Version}");
    }

    // apt names the file name_version_arch.deb with the version's ':' escaped as %3a.
    string? FindDeb(string directory, LockedPackage package)
    {
        var path = Path.Combine(directory,
            $"{package.Name}_{package.Version.Replace(":", "%3a", StringComparison.Ordinal)}_{platform.DebianArchitecture}.deb");
        var any = Path.Combine(directory, $"{package.Name}_{package.Version.Replace(":", "%3a", StringComparison.Ordinal)}_all.deb");
        return File.Exists(path) ? path : File.Exists(any) ? any : null;
    }

    void Prune(string rootfs)
    {
        foreach (var relative in Pruned)
        {
            var path = Path.Combine(rootfs, relative);
            if (new FileInfo(path) is { LinkTarget: not null } or { Exists: true })
                File.Delete(path);
            else if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }

        // Changelogs go, copyright files stay.
        var docs = Path.Combine(rootfs, "usr/share/doc");
        if (Directory.Exists(docs))
            foreach (var file in Directory.EnumerateFiles(docs, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) != "copyright"))
                File.Delete(file);
    }

    static void Configure(string rootfs)
    {
        WriteFile(rootfs, "etc/passwd",
            $"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{AppUid}:{AppUid}:app:/home/app:/usr/sbin/nologin\n");
        WriteFile(rootfs, "etc/group", $"root:x:0:\napp:x:{AppUid}:\n");
        WriteFile(rootfs, "etc/nsswitch.conf",
            "passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n");

        // update-ca-certificates (a maintainer script) normally writes the bundle; concatenating the certificates in
        // name order is what it does. OpenSSL looks under /usr/lib/ssl, which only the openssl package would link.
        var certificates = Path.Combine(rootfs, "usr/share/ca-certificates/mozilla");
        var bundle = new StringBuilder();
        if (Directory.Exists(certificates))
            foreach (var certificate in Directory.GetFiles(certificates, "*.crt").Order(StringComparer.Ordinal))
                bundle.Append(File.ReadAllText(certificate).TrimEnd('\n')).Append('\n');
        WriteFile(rootfs, "etc/ssl/certs/ca-certificates.crt", bundle.ToString());
        MakeDirectory(rootfs, "usr/lib/ssl");
        File.CreateSymbolicLink(Path.Combine(rootfs, "usr/lib/ssl/cert.pem"), "/etc/ssl/certs/ca-certificates.crt");
        File.CreateSymbolicLink(Path.Combine(rootfs, "usr/lib/ssl/certs"), "/etc/ssl/certs");

        MakeDirectory(rootfs, "home/app");
        MakeDirectory(rootfs, "root", (UnixFileMode)0b111_000_000);
        MakeDirectory(rootfs, "tmp", (UnixFileMode)0b1_111_111_111); // 1777: world-writable with the sticky bit, as /tmp always is
        // No ld.so.cache on purpose: Debian's loader searches /lib/<triplet> and /usr/lib/<triplet> (x86_64-linux-gnu, aarch64-linux-gnu)
        // by
        // default, and leaving ldconfig out keeps the layer free of a host-tool-generated binary (and of a chroot).
    }

    // Modes are set explicitly, never left to the umask, which differs between machines (and would change the image ID).
    static void MakeDirectory(string rootfs, string relative, UnixFileMode mode = (UnixFileMode)0b111_101_101)
    {
        var path = rootfs;
        foreach (var segment in relative.Split('/'))
        {
            path = Path.Combine(path, segment);
            if (!Directory.Exists(path))
                Directory.CreateDirectory(path).UnixFileMode = (UnixFileMode)0b111_101_101;
        }

        File.SetUnixFileMode(path, mode);
    }

    static void WriteFile(string rootfs, string relative, string content)
    {
        var path = Path.Combine(rootfs, relative);
        var parent = Path.GetDirectoryName(relative);
        if (!string.IsNullOrEmpty(parent) && !Directory.Exists(Path.Combine(rootfs, parent)))
            MakeDirectory(rootfs, parent);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    static Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        string? workingDirectory = null, bool allowFailure = false) =>
        ProcessRunner.RunAsync(
            new ProcessSpec(executable, arguments) { WorkingDirectory = workingDirectory, Quiet = true, AllowFailure = allowFailure },
                cancellationToken);
}
