using Images;

namespace Build.Tests.Images;

public class DockerInspectTests
{
    [Fact]
    public void Inspect_output_gives_the_id_size_user_environment_labels_and_entrypoint()
    {
        const string json = """
            [{"Id":"sha256:abc","RepoTags":["todo-backend:1.4.0"],"Size":43800000,
              "Config":{"User":"1654","Env":["PATH=/usr/bin","APP_UID=1654"],"Entrypoint":["/app/Todo.Api"],"Cmd":null,
                        "Labels":{"dev.todo-app.content-hash":"0123"}}}]
            """;

        var image = Docker.ParseInspect(json);

        Assert.Equal("sha256:abc", image.Id);
        Assert.Equal(43_800_000, image.SizeBytes);
        Assert.Equal("1654", image.User);
        Assert.Equal(["PATH=/usr/bin", "APP_UID=1654"], image.Environment);
        Assert.Equal("0123", image.Labels[ImageCatalog.ContentHashLabel]);
        Assert.Equal(["/app/Todo.Api"], image.Entrypoint);
        Assert.Empty(image.Command);
        Assert.Equal(["todo-backend:1.4.0"], image.RepoTags);
    }

    [Fact]
    public void An_image_without_labels_or_user_reads_as_empty_not_as_an_error()
    {
        var image = Docker.ParseInspect("""[{"Id":"sha256:abc","Size":1,"Config":{"Labels":null}}]""");

        Assert.Empty(image.Labels);
        Assert.Equal("", image.User);
    }

    [Theory]
    [InlineData("2026-11-30T17:31:02.123456789Z", "2026-11-30T17:31:02.1234567+00:00")]
    [InlineData("2026-11-30T17:31:02.5Z", "2026-11-30T17:31:02.5000000+00:00")]
    [InlineData("2026-11-30T17:31:02Z", "2026-11-30T17:31:02.0000000+00:00")]
    [InlineData("2026-11-30T18:31:02.25+01:00", "2026-11-30T17:31:02.2500000+00:00")]
    public void The_daemons_timestamps_are_read_with_any_number_of_fractional_digits(string daemon, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Docker.ParseTimestamp(daemon));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("")]
    [InlineData("Error: No such object: 1234")]
    [InlineData("2026-11-30 17:31:02")]
    public void A_container_that_never_started_or_an_error_has_no_start_time(string daemon)
    {
        Assert.Null(Docker.ParseTimestamp(daemon));
    }

    [Fact]
    public void The_main_process_is_read_as_its_host_pid_and_start_time_from_one_inspect()
    {
        var process = Docker.ParseProcess("4242 2026-11-30T17:31:02.25Z\n");

        Assert.Equal(new ContainerProcess(4242, new DateTimeOffset(2026, 11, 30, 17, 31, 2, 250, TimeSpan.Zero)), process);
    }

    [Theory]
    [InlineData("0 0001-01-01T00:00:00Z")]
    [InlineData("")]
    [InlineData("Error: No such object: 1234")]
    public void A_stopped_or_unknown_container_has_no_pid_or_start_time(string daemon)
    {
        Assert.Equal(new ContainerProcess(null, null), Docker.ParseProcess(daemon));
    }

    [Fact]
    public async Task A_process_without_a_pid_has_no_cpu_time_to_read()
    {
        Assert.Null(await new ContainerProcess(null, null).CpuTimeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_cpu_time_is_read_from_the_hosts_proc_for_the_pid_on_linux_only()
    {
        var self = new ContainerProcess(Environment.ProcessId, null);

        var used = await self.CpuTimeAsync(CancellationToken.None);

        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(used);
            return;
        }

        // This test host has JIT-compiled and run tests by now: some CPU, and no more than the process has used.
        Assert.NotNull(used);
        Assert.InRange(used.Value, TimeSpan.FromMilliseconds(10), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime + TimeSpan.FromSeconds(1));
    }
}
