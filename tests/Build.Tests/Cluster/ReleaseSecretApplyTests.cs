using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cluster;
using k8s.Autorest;
using k8s.Models;

namespace Build.Tests.Cluster;

/// <summary>Deploy's Secret step against <see cref="FakeApiServer"/>: read the Secret, then POST a new one (after a
/// 404) or PUT the build's own over it. What the fake holds afterwards is what the chart's pods would read.</summary>
public class ReleaseSecretApplyTests
{
    const string Secrets = "/api/v1/namespaces/todo/secrets";
    const string Name = ReleaseSecret.DefaultName;

    [Fact]
    public async Task A_first_deploy_with_a_database_url_creates_the_secret_holding_it_and_no_generated_database_password()
    {
        await using var server = await FakeApiServer.StartAsync();
        var inputs = new SecretInputs(null, "postgres://todo:pw@neon.example/todo", null);

        var plan = await ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", inputs, CancellationToken.None);

        Assert.Equal(SecretAction.Create, plan.Action);
        var stored = server.Stored(Secrets, Name)!;
        Assert.Equal("postgres://todo:pw@neon.example/todo", Value(stored, ReleaseSecret.DatabaseUrl));
        Assert.Equal(64, Value(stored, ReleaseSecret.AuthSigningKey)!.Length);
        Assert.Null(Value(stored, ReleaseSecret.PostgresPassword));
        Assert.Equal("Opaque", stored["type"]!.GetValue<string>());
        Assert.Equal(ReleaseSecret.ManagedByValue, stored["metadata"]!["labels"]![ReleaseSecret.ManagedByLabel]!.GetValue<string>());
    }

    [Fact]
    public async Task A_first_deploy_with_the_in_cluster_database_creates_the_secret_with_a_database_password()
    {
        await using var server = await FakeApiServer.StartAsync();

        await ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", new SecretInputs("sk-test", null, null), CancellationToken.None);

        var stored = server.Stored(Secrets, Name)!;
        Assert.Equal(64, Value(stored, ReleaseSecret.PostgresPassword)!.Length);
        Assert.Equal("sk-test", Value(stored, ReleaseSecret.OpenAiApiKey));
        Assert.Null(Value(stored, ReleaseSecret.DatabaseUrl));
    }

    [Fact]
    public async Task A_later_deploy_replaces_the_builds_secret_and_keeps_the_signing_key_and_the_database_password()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store(Secrets, "ADDED", Owned(new()
        {
            [ReleaseSecret.AuthSigningKey] = "kept-signing-key",
            [ReleaseSecret.PostgresPassword] = "first-password",
            [ReleaseSecret.OpenAiApiKey] = "sk-old",
        }));

        var plan = await ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", new SecretInputs("sk-new", null, null), CancellationToken.None);

        Assert.Equal(SecretAction.Update, plan.Action);
        var stored = server.Stored(Secrets, Name)!;
        Assert.Equal("sk-new", Value(stored, ReleaseSecret.OpenAiApiKey));
        Assert.Equal("kept-signing-key", Value(stored, ReleaseSecret.AuthSigningKey));
        Assert.Equal("first-password", Value(stored, ReleaseSecret.PostgresPassword));
        Assert.NotEqual("7", stored["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(403, "Forbidden", "secrets \"todo-app-secrets\" is forbidden: User \"ci\" cannot get resource \"secrets\" in API group \"\" in the namespace \"todo\"")]
    [InlineData(500, "InternalError", "Internal error occurred: etcdserver: request timed out")]
    public async Task A_read_refused_for_any_reason_but_not_found_fails_the_deploy_with_its_status_and_creates_nothing(
        int code, string reason, string message)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Refuse("GET", $"{Secrets}/{Name}", code, reason, message);

        var failure = await Assert.ThrowsAsync<HttpOperationException>(() =>
            ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", new SecretInputs("sk-test", null, null), CancellationToken.None));

        Assert.Equal((HttpStatusCode)code, failure.Response.StatusCode);
        var status = JsonNode.Parse(failure.Response.Content)!;
        Assert.Equal((reason, message), (status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>()));
        Assert.Null(server.Stored(Secrets, Name));
    }

    [Fact]
    public async Task Secret_parameters_against_a_secret_someone_else_made_stop_the_deploy_and_leave_that_secret_alone()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store(Secrets, "ADDED", Foreign());

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", new SecretInputs("sk-test", null, null), CancellationToken.None));

        Assert.Equal("Secret todo/todo-app-secrets exists and was not created by the build, so the build will not overwrite "
            + "it with the secret parameters given. Either drop those parameters and keep your Secret, or delete it "
            + "(`kubectl delete secret todo-app-secrets -n todo`) and let the build create its own.", refusal.Message);
        Assert.Equal("theirs", Value(server.Stored(Secrets, Name)!, ReleaseSecret.OpenAiApiKey));
    }

    [Fact]
    public async Task Without_secret_parameters_a_secret_someone_else_made_is_used_as_it_is()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.Store(Secrets, "ADDED", Foreign());

        var plan = await ReleaseSecret.ApplyAsync(server.Client(), Name, "todo", new SecretInputs(null, null, null), CancellationToken.None);

        Assert.Equal(SecretAction.UseForeign, plan.Action);
        Assert.Equal("using the existing Secret todo/todo-app-secrets as it is (not created by the build)", plan.Explanation);
        Assert.Equal("1", server.Stored(Secrets, Name)!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reading_a_secret_that_is_not_there_answers_null_and_one_that_is_answers_it()
    {
        await using var server = await FakeApiServer.StartAsync();
        var client = server.Client();
        Assert.Null(await ReleaseSecret.ReadOrNullAsync(client, Name, "todo", CancellationToken.None));

        server.Store(Secrets, "ADDED", Foreign());

        Assert.Equal("theirs", Encoding.UTF8.GetString((await ReleaseSecret.ReadOrNullAsync(client, Name, "todo", CancellationToken.None))!
            .Data[ReleaseSecret.OpenAiApiKey]));
    }

    [Fact]
    public async Task Missing_arguments_are_refused_before_anything_is_sent()
    {
        var inputs = new SecretInputs(null, null, null);

        Assert.Throws<ArgumentNullException>(() => ReleaseSecret.Plan(Name, "todo", null!, null, ReleaseSecret.NewSigningKey));
        Assert.Throws<ArgumentNullException>(() => ReleaseSecret.Plan(Name, "todo", inputs, null, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ReleaseSecret.ApplyAsync(null!, Name, "todo", inputs, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ReleaseSecret.ReadOrNullAsync(null!, Name, "todo", CancellationToken.None));
    }

    static V1Secret Owned(Dictionary<string, string> values) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = "todo",
            ResourceVersion = "7",
            Labels = new Dictionary<string, string> { [ReleaseSecret.ManagedByLabel] = ReleaseSecret.ManagedByValue },
        },
        Data = values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
    };

    // A Secret made by hand as docs/chart.md describes: no label of the build's.
    static V1Secret Foreign() => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = "todo", ResourceVersion = "1" },
        Data = new Dictionary<string, byte[]> { [ReleaseSecret.OpenAiApiKey] = Encoding.UTF8.GetBytes("theirs") },
    };

    // A Secret's data travels base64-encoded (Kubernetes docs, "Secrets": the data field).
    static string? Value(JsonNode secret, string key) =>
        secret["data"]?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
}
