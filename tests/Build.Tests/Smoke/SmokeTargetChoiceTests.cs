using Smoke;

namespace Build.Tests.Smoke;

public class SmokeTargetChoiceTests
{
    [Fact]
    public void With_no_url_the_suite_runs_against_a_local_run() =>
        Assert.IsType<SmokeTarget.LocalRun>(SmokeTargetChoice.Decide(null, null));

    [Fact]
    public void A_given_frontend_url_is_tested_as_is_and_the_backend_url_is_optional()
    {
        var target = Assert.IsType<SmokeTarget.GivenUrl>(SmokeTargetChoice.Decide("http://127.0.0.1:8080", null));

        Assert.Equal(new Uri("http://127.0.0.1:8080"), target.Frontend);
        Assert.Null(target.Backend);
    }

    [Fact]
    public void Both_urls_are_passed_on()
    {
        var target = Assert.IsType<SmokeTarget.GivenUrl>(SmokeTargetChoice.Decide("https://todo.example.test", "http://127.0.0.1:8000"));

        Assert.Equal(new Uri("http://127.0.0.1:8000"), target.Backend);
    }

    [Fact]
    public void A_backend_url_without_a_frontend_url_is_refused() =>
        Assert.Contains("--smoke-base-url", Assert.Throws<ArgumentException>(() => SmokeTargetChoice.Decide(" ", "http://127.0.0.1:8000")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("/relative")]
    public void A_url_that_is_not_absolute_http_is_refused_naming_the_parameter(string url) =>
        Assert.Contains("--smoke-base-url", Assert.Throws<ArgumentException>(() => SmokeTargetChoice.Decide(url, null)).Message, StringComparison.Ordinal);
}
