namespace Images;

/// <summary>Which machine an ELF file is built for, read from its header (the ELF specification: the magic
/// <c>7F 45 4C 46</c>, then <c>e_machine</c>, a 16-bit field at offset 18, little-endian for both platforms here:
/// 62 = EM_X86_64, 183 = EM_AARCH64). Lets the build prove an arm64 image holds no amd64 binary without running it.</summary>
public static class ElfArchitecture
{
    const ushort X86_64 = 62;
    const ushort Aarch64 = 183;

    /// <summary>The architecture (<c>amd64</c>, <c>arm64</c>, or <c>e_machine N</c>), or null when the bytes are not ELF.</summary>
    public static string? Of(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> header = stackalloc byte[20];
        var read = 0;
        while (read < header.Length && file.Read(header[read..]) is var n and > 0)
            read += n;
        if (read < header.Length || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            return null;
        var machine = (ushort)(header[18] | (header[19] << 8));
        return machine switch
        {
            X86_64 => ContainerPlatform.Amd64.Architecture,
            Aarch64 => ContainerPlatform.Arm64.Architecture,
            _ => $"e_machine {machine}",
        };
    }

    /// <summary>How many ELF files an image holds (a check that found none proved nothing) and which of them are not
    /// for <paramref name="platform"/>, as "path (architecture)".</summary>
    public static (int ElfFiles, IReadOnlyList<string> Foreign) Check(SavedImage image, ContainerPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(platform);
        var count = 0;
        var foreign = new List<string>();
        foreach (var (_, path, length, open) in image.Files())
        {
            if (length < 20 || Of(open()) is not { } architecture)
                continue;
            count++;
            if (architecture != platform.Architecture)
                foreign.Add($"{path} ({architecture})");
        }

        return (count, foreign);
    }
}
