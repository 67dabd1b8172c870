using System.Net;
using System.Text;
using System.Text.Json;
using Shouldly;
using Todo.Contracts;
using Xunit;

namespace Todo.Web.Tests.Host;

/// <summary>The host refuses what it should not forward, with problem details, before the backend sees it.</summary>
public sealed class RequestBodyLimitTests : IAsyncLifetime
{
    private const int TwoMiB = 2 * 1024 * 1024;
    private LoopbackBackend backend = null!;

    public async Task InitializeAsync() => backend = await LoopbackBackend.StartAsync();

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Theory]
    [InlineData("POST", ApiRoutes.Tasks)]
    [InlineData("PATCH", "/api/tasks/1")]
    [InlineData("POST", ApiRoutes.Chat)]
    public async Task A_2_MiB_body_to_the_api_answers_413_problem_details_and_is_not_forwarded(string method, string path)
    {
        await using var host = new FrontendHost(backend.Address);
        using var browser = host.CreateBrowser();

        using var response = await browser.SendAsync(SignedIn(method, path, Json(TwoMiB)));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        response.Headers.ConnectionClose.ShouldBe(true, "the refused body is never read, so the connection cannot be reused");
        backend.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_limit_is_64_KiB_by_default_and_MAX_REQUEST_BODY_BYTES_changes_it()
    {
        await using var byDefault = new FrontendHost(backend.Address);
        await using var lowered = new FrontendHost(backend.Address, new Dictionary<string, string> { ["MAX_REQUEST_BODY_BYTES"] = "2048" });
        using var defaultBrowser = byDefault.CreateBrowser();
        using var loweredBrowser = lowered.CreateBrowser();

        using (var justUnder = await defaultBrowser.SendAsync(SignedIn("POST", ApiRoutes.Tasks, Json(60 * 1024))))
            justUnder.StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var justOver = await defaultBrowser.SendAsync(SignedIn("POST", ApiRoutes.Tasks, Json(65 * 1024))))
            await ShouldBeProblemAsync(justOver, HttpStatusCode.RequestEntityTooLarge);
        using (var overLowered = await loweredBrowser.SendAsync(SignedIn("POST", ApiRoutes.Tasks, Json(4096))))
            await ShouldBeProblemAsync(overLowered, HttpStatusCode.RequestEntityTooLarge);
        using (var underLowered = await loweredBrowser.SendAsync(SignedIn("POST", ApiRoutes.Tasks, Json(1024))))
            underLowered.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("2 MiB of JSON")]
    [InlineData("broken JSON")]
    [InlineData("mistyped JSON")]
    [InlineData("no content type")]
    [InlineData("text/plain")]
    [InlineData("empty body")]
    [InlineData("JSON null")]
    public async Task Sign_in_and_sign_up_answer_bad_bodies_with_4xx_problem_details(string body)
    {
        await using var host = new FrontendHost(backend.Address);
        using var browser = host.CreateBrowser();

        foreach (var path in new[] { BffRoutes.SignIn, BffRoutes.SignUp })
        {
            using var response = await browser.SendAsync(SignedIn("POST", path, body switch
            {
                "2 MiB of JSON" => Json(TwoMiB),
                "broken JSON" => new StringContent("""{"email": "unterminated""", Encoding.UTF8, "application/json"),
                "mistyped JSON" => new StringContent("""{"email": 5, "password": []}""", Encoding.UTF8, "application/json"),
                "no content type" => new ByteArrayContent("""{"email":"a@b.c","password":"correct horse"}"""u8.ToArray()),
                "text/plain" => new StringContent("""{"email":"a@b.c","password":"correct horse"}""", Encoding.UTF8, "text/plain"),
                "empty body" => new StringContent("", Encoding.UTF8, "application/json"),
                _ => new StringContent("null", Encoding.UTF8, "application/json"),
            }));

            ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{path} with {body}");
            await ShouldBeProblemAsync(response, response.StatusCode);
        }
    }

    private static HttpRequestMessage SignedIn(string method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.Add("Cookie", $"todo_session={LoopbackBackend.Token}");
        request.Headers.Add(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
        return request;
    }

    private static StringContent Json(int bytes) =>
        new("{\"title\":\"" + new string('x', bytes - 12) + "\"}", Encoding.UTF8, "application/json");

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
    }
}
