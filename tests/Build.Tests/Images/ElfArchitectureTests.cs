using Images;

namespace Build.Tests.Images;

public sealed class ElfArchitectureTests
{
    // The first 20 bytes of an ELF64 little-endian executable: magic, class 2, data 1 (LE), version 1, padding,
    // e_type 2 (EXEC) at 16, e_machine at 18 (the ELF specification, "ELF Header").
    static MemoryStream Elf(ushort machine)
    {
        var header = new byte[64];
        header[0] = 0x7F;
        header[1] = (byte)'E';
        header[2] = (byte)'L';
        header[3] = (byte)'F';
        header[4] = 2;
        header[5] = 1;
        header[6] = 1;
        header[16] = 2;
        header[18] = (byte)(machine & 0xFF);
        header[19] = (byte)(machine >> 8);
        return new MemoryStream(header);
    }

    [Fact]
    public void The_machine_field_names_the_architecture()
    {
        Assert.Equal("amd64", ElfArchitecture.Of(Elf(62)));
        Assert.Equal("arm64", ElfArchitecture.Of(Elf(183)));
        Assert.Equal("e_machine 40", ElfArchitecture.Of(Elf(40)));
    }

    [Fact]
    public void The_machine_this_test_runs_on_reads_as_its_own_architecture()
    {
        // A real binary, not a hand-made header: the running dotnet host.
        using var host = File.OpenRead(Environment.ProcessPath!);

        Assert.Equal(ContainerPlatform.OfThisMachine()?.Architecture, ElfArchitecture.Of(host));
    }

    [Fact]
    public void Files_that_are_not_ELF_have_no_architecture()
    {
        Assert.Null(ElfArchitecture.Of(new MemoryStream("{\"json\": true, \"padding\": 1234567}"u8.ToArray())));
        Assert.Null(ElfArchitecture.Of(new MemoryStream([0x7F, (byte)'E', (byte)'L'])));
    }
}
