using k8s.Models;
using Rehearsal;

namespace Build.Tests.Rehearsal;

/// <summary>Probes reach a container through the port docker published for it on 127.0.0.1.</summary>
public sealed class ContainerProbeTests
{
    [Fact]
    public void Docker_port_output_maps_container_ports_to_their_loopback_host_ports()
    {
        var ports = ContainerProbe.ParsePublishedPorts("8000/tcp -> 127.0.0.1:49153\n8080/tcp -> 127.0.0.1:49154\n");

        Assert.Equal(49153, ports[8000]);
        Assert.Equal(49154, ports[8080]);
        Assert.Equal(49154, ContainerProbe.HostPort(new V1Container { Name = "c", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }, "http", ports));
    }

    [Fact]
    public void A_probe_port_that_names_no_container_port_is_an_error_naming_it()
    {
        var error = Assert.Throws<RehearsalException>(() => ContainerProbe.HostPort(new V1Container { Name = "c" }, "metrics", new Dictionary<int, int>()));

        Assert.Contains("'metrics' names no container port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_timing_falls_back_to_the_api_servers_defaults()
    {
        Assert.Equal((10, 1, 3, 0), ContainerProbe.Timing(new V1Probe()));
        Assert.Equal((2, 3, 30, 5), ContainerProbe.Timing(new V1Probe { PeriodSeconds = 2, TimeoutSeconds = 3, FailureThreshold = 30, InitialDelaySeconds = 5 }));
    }
}
