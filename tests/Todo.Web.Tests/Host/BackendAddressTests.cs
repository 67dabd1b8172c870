using Microsoft.Extensions.Configuration;
using Shouldly;
using Todo.Web.Proxy;
using Xunit;

namespace Todo.Web.Tests.Host;

public sealed class BackendAddressTests
{
    [Fact]
    public void A_missing_BACKEND_URL_stops_the_host_with_what_to_set()
    {
        var error = Should.Throw<InvalidOperationException>(() => BackendAddress.From(Configuration(null)));

        error.Message.ShouldContain("BACKEND_URL is not set");
        error.Message.ShouldContain("http://todo-backend:8000");
    }

    [Theory]
    [InlineData("todo-backend:8000")]
    [InlineData("ftp://todo-backend")]
    [InlineData("/relative")]
    public void An_address_that_is_not_absolute_http_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => BackendAddress.From(Configuration(value)))
            .Message.ShouldContain("is not an absolute http(s) address");

    [Fact]
    public void The_cluster_address_is_taken_as_given() =>
        BackendAddress.From(Configuration("http://todo-backend:8000")).Uri.ShouldBe(new Uri("http://todo-backend:8000"));

    private static IConfiguration Configuration(string? backendUrl) =>
        new ConfigurationBuilder().AddInMemoryCollection([new("BACKEND_URL", backendUrl)]).Build();
}
