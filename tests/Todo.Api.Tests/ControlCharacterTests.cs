using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// A NUL (which PostgreSQL refuses in text) or another control character in any text field is the caller's mistake:
/// a 400 naming the field over HTTP, a tool error over MCP — never a 500. On PostgreSQL, where NUL used to break.
/// </summary>
public sealed class ControlCharacterTests(PostgresApi app) : IClassFixture<PostgresApi>
{
    /// <summary>Route, JSON body with the bad character as "{bad}", and the field the problem must name.</summary>
    public static readonly TheoryData<string, string, string, string> Fields = new()
    {
        { "POST", ApiRoutes.Tasks, """{"title":"buy{bad}milk"}""", "title" },
        { "POST", ApiRoutes.Tasks, """{"title":"buy milk","description":"two{bad}litres"}""", "description" },
        { "PATCH", ApiRoutes.Tasks + "/{id}", """{"title":"buy{bad}milk"}""", "title" },
        { "PATCH", ApiRoutes.Tasks + "/{id}", """{"description":"two{bad}litres"}""", "description" },
        { "POST", ApiRoutes.Chat, """{"message":"add buy{bad}milk"}""", "message" },
        { "POST", ApiRoutes.SignUp, """{"email":"ne{bad}w@example.com","password":"long enough password"}""", "email" },
        { "POST", ApiRoutes.SignUp, """{"email":"{unique}@example.com","password":"long enough password","displayName":"Ann{bad}"}""", "displayName" },
        { "POST", ApiRoutes.SignIn, """{"email":"so{bad}me@example.com","password":"long enough password"}""", "email" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_nul_or_other_control_character_answers_400_naming_the_field(string method, string route, string body, string field)
    {
        var (client, _) = await app.Factory.SignUpAsync();
        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("existing"));

        foreach (var bad in new[] { "\\u0000", "\\u0007", "\\u001b", "\\u007f" })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                Content = new StringContent(body.Replace("{bad}", bad, StringComparison.Ordinal).Replace("{unique}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal),
                    Encoding.UTF8, "application/json"),
            });

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{method} {route} with {bad}: {problem}");
        }
    }

    [Fact]
    public async Task Tabs_and_line_breaks_stay_allowed_where_text_spans_lines()
    {
        var (client, _) = await app.Factory.SignUpAsync();

        var task = await TaskApiSpecification.CreateAsync(client, new CreateTaskRequest("buy milk", Description: "two litres\n\tsemi-skimmed"));
        using var chat = await client.PostAsJsonAsync(ApiRoutes.Chat, new ChatRequest("add buy bread\nplease"));

        task.Description.ShouldBe("two litres\n\tsemi-skimmed");
        chat.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mcp_tools_answer_a_control_character_with_a_tool_error_naming_the_argument()
    {
        var (http, _) = await app.Factory.SignUpAsync();
        await using var mcp = await McpTests.ConnectAsync(app.Factory, http);

        var add = await mcp.CallToolAsync("add_task", new Dictionary<string, object?> { ["title"] = "buy\0milk" });
        var update = await mcp.CallToolAsync("update_task", new Dictionary<string, object?> { ["id"] = 1, ["description"] = "a\0b" });

        add.IsError.ShouldBe(true);
        McpTests.Content(add).ShouldContain("title");
        update.IsError.ShouldBe(true);
        McpTests.Content(update).ShouldContain("description");
        (await http.GetFromJsonAsync<List<TaskItem>>(ApiRoutes.Tasks))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_up_with_an_invalid_display_name_is_a_400_and_the_email_stays_free()
    {
        using var client = app.Factory.CreateClient();
        var email = $"fay-{Guid.NewGuid():N}@example.com";

        using var nul = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", "Fay\0"));
        using var tooLong = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", new string('f', 101)));
        using var valid = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", "Fay"));
        using var again = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password", "Fay"));

        (await nul.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("displayName", out _).ShouldBeTrue();
        (await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("displayName", out _).ShouldBeTrue();
        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_email_whose_local_part_is_longer_than_a_display_name_still_signs_up()
    {
        using var client = app.Factory.CreateClient();
        var email = $"{new string('g', 150)}-{Guid.NewGuid():N}@example.com";

        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, "long enough password"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<AuthResponse>())!.User.DisplayName.Length.ShouldBe(100);
    }
}
