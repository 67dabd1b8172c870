using System.Text.Json;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;

namespace Todo.Api.Tests;

/// <summary>
/// The API description served with OPENAPI_ENABLED: client generators (NSwag, Kiota, openapi-generator) name their
/// methods after each operation's operationId and group them by its first tag, so renaming one breaks every generated
/// client's code. These names are part of the contract, like the routes.
/// </summary>
public sealed class ApiDescriptionSpecification
{
    [Fact]
    public async Task The_described_task_and_account_operations_keep_their_operation_ids_and_tags()
    {
        var settings = new Dictionary<string, string?> { ["OPENAPI_ENABLED"] = "true" };
        await using var app = TodoApiFactory.OnPostgres((await SharedPostgres.CreateDatabaseAsync()).Url, settings);
        using var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var operations = Operations(document.RootElement, ApiRoutes.Tasks, $"{ApiRoutes.Tasks}/{{id}}",
            ApiRoutes.SignUp, ApiRoutes.SignIn, ApiRoutes.Me, ApiRoutes.SignOut, ApiRoutes.Refresh, ApiRoutes.Password);
        operations.ShouldBe(
        [
            "GET /api/tasks: ListTasks [Tasks]",
            "POST /api/tasks: CreateTask [Tasks]",
            "GET /api/tasks/{id}: GetTask [Tasks]",
            "PATCH /api/tasks/{id}: UpdateTask [Tasks]",
            "DELETE /api/tasks/{id}: DeleteTask [Tasks]",
            "POST /api/auth/signup: SignUp [Accounts]",
            "POST /api/auth/signin: SignIn [Accounts]",
            "GET /api/auth/me: Me [Accounts]",
            "POST /api/auth/signout: SignOut [Accounts]",
            "POST /api/auth/refresh: Refresh [Accounts]",
            "POST /api/auth/password: ChangePassword [Accounts]",
        ]);
    }

    /// <summary>Each operation under the given paths as "METHOD path: operationId [tags]", in the document's order per path.</summary>
    private static List<string> Operations(JsonElement document, params string[] paths)
    {
        var operations = new List<string>();
        var described = document.GetProperty("paths");
        foreach (var path in paths)
        {
            described.TryGetProperty(path, out var item).ShouldBeTrue($"the document describes {path}");
            foreach (var operation in item.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var id = operation.Value.TryGetProperty("operationId", out var operationId) ? operationId.GetString() : "(no operationId)";
                var tags = operation.Value.TryGetProperty("tags", out var tagList)
                    ? string.Join(", ", tagList.EnumerateArray().Select(t => t.GetString()))
                    : "";
                operations.Add($"{operation.Name.ToUpperInvariant()} {path}: {id} [{tags}]");
            }
        }

        return operations;
    }
}
