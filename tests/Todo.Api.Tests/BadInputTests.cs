using System.Net;
using System.Net.Http.Json;
using System.Text;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem, never a 5xx.</summary>
[Collection(SharedSqliteApp.Name)]
public sealed class BadInputTests(SqliteApi app)
{
    private const int OversizedBytes = 200 * 1024;

    /// <summary>Every endpoint that reads a JSON body; "{id}" is replaced by one of the caller's real tasks.</summary>
    public static readonly TheoryData<string, string> BodyEndpoints = new()
    {
        { "POST", ApiRoutes.SignUp },
        { "POST", ApiRoutes.SignIn },
        { "POST", ApiRoutes.Tasks },
        { "PATCH", ApiRoutes.Tasks + "/{id}" },
        { "POST", ApiRoutes.Chat },
        { "POST", ApiRoutes.Password },
    };

    public static readonly TheoryData<string> BadBodies = new()
    {
        "{\"title\": \"unterminated",
        "{\"title\": 5, \"priority\": true, \"message\": 7, \"email\": [], \"password\": {}}",
        "{\"priority\": \"urgent\", \"dueDate\": \"next tuesday\", \"isCompleted\": \"yes\", \"conversationId\": \"not-a-guid\"}",
        "[1, 2, 3]",
        "null",
        "",
        "not json at all",
    };

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_and_mistyped_bodies_answer_400_problems(string method, string route)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var path = await PathFor(client, route);

        foreach (var body in BadBodies)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });

            ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{method} {route} with {body}");
            var problem = await response.ShouldBeProblemAsync(response.StatusCode);
            // Issue 17, finding 8: the server's type and parameter names are nobody's business.
            System.Text.RegularExpressions.Regex.IsMatch(problem.ToString(), @"\b(Todo|System|Microsoft)\.[A-Z]|Request request")
                .ShouldBeFalse($"{method} {route} with {body}: {problem}");
        }
    }

    [Fact]
    public async Task A_mistyped_field_is_named_by_its_json_path_only()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsync(ApiRoutes.Tasks,
            new StringContent("{\"title\": \"ok\", \"priority\": true}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("The request body is not valid for this endpoint at JSON path '$.priority'.");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Oversized_bodies_answer_413_problems(string method, string route)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var path = await PathFor(client, route);
        var huge = "{\"title\":\"" + new string('x', OversizedBytes) + "\",\"message\":\"x\"}";

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(huge, Encoding.UTF8, "application/json"),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_refused_unread_for_its_size_tells_the_client_the_connection_closes()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsync(ApiRoutes.Tasks,
            new StringContent("{\"title\":\"" + new string('x', OversizedBytes) + "\"}", Encoding.UTF8, "application/json"));

        // The server will not read 200 KiB it refused, so the connection cannot carry another request: a client that
        // reused it would see its next request dropped unanswered.
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        response.Headers.ConnectionClose.ShouldBe(true);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Bodies_that_are_not_json_answer_415(string method, string route)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var path = await PathFor(client, route);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Bodies_without_a_content_type_or_as_plain_text_or_empty_answer_4xx_problems(string method, string route)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var path = await PathFor(client, route);
        var json = "{\"title\":\"x\",\"message\":\"x\",\"email\":\"a@example.com\",\"password\":\"correct horse battery\"}";

        HttpContent[] contents =
        [
            new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
            new StringContent(json, Encoding.UTF8, "text/plain"),
            new ByteArrayContent([]),
            new StringContent("", Encoding.UTF8, "application/json"),
        ];
        foreach (var content in contents)
        {
            var described = $"{method} {route} with Content-Type '{content.Headers.ContentType}' and {content.Headers.ContentLength} bytes";
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

            ((int)response.StatusCode).ShouldBeInRange(400, 499, described);
            await response.ShouldBeProblemAsync(response.StatusCode);
        }
    }

    [Theory]
    [InlineData("GET", "/api/tasks/2147483647")]
    [InlineData("PATCH", "/api/tasks/2147483647")]
    [InlineData("DELETE", "/api/tasks/2147483647")]
    [InlineData("GET", "/api/tasks/-1")]
    [InlineData("GET", "/api/tasks/not-a-number")]
    [InlineData("GET", "/api/tasks/99999999999999999999")]
    [InlineData("GET", "/api/conversations/3f2504e0-4f89-11d3-9a0c-0305e82c3301/messages")]
    [InlineData("GET", "/api/conversations/not-a-guid/messages")]
    [InlineData("GET", "/api/no-such-thing")]
    public async Task Unknown_ids_and_routes_answer_404_problems(string method, string path)
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "PATCH" ? JsonContent.Create(new UpdateTaskRequest(Title: "x")) : null,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Chat_in_an_unknown_conversation_answers_404()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest("list", Guid.NewGuid()));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("7")]
    [InlineData("")]
    [InlineData("1")] // Open's number: the filter is named, never numbered
    [InlineData("-1")]
    [InlineData("open,completed")] // an enum parser would combine the two into an undefined value
    public async Task An_unknown_status_filter_answers_400(string status)
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.GetAsync(ApiRoutes.Tasks + "?status=" + status);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("status")[0].GetString().ShouldBe("The status filter must be all, open or completed.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_chat_message_answers_400(string message)
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(message));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_chat_message_over_the_limit_answers_400()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        using var response = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest(new string('a', ChatLimits.MessageMaxLength + 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<string> PathFor(HttpClient client, string route)
    {
        if (!route.Contains("{id}", StringComparison.Ordinal))
        {
            return route;
        }

        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("target"));
        return route.Replace("{id}", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
