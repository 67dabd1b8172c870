using System.Text;
using Cluster;
using Helm;
using Images;
using k8s.Models;

namespace Build.Tests.Cluster;

public class ReleaseSecretTests
{
    const string Name = ReleaseSecret.DefaultName;

    [Fact]
    public void A_first_deploy_creates_the_secret_with_a_generated_signing_key_and_marks_it_as_the_builds()
    {
        var plan = ReleaseSecret.Plan(Name, "todo", new SecretInputs("sk-test-123", null, null), existing: null, () => "generated-key");

        Assert.Equal(SecretAction.Create, plan.Action);
        Assert.Equal("generated-key", Value(plan.Secret!, ReleaseSecret.AuthSigningKey));
        Assert.Equal("sk-test-123", Value(plan.Secret!, ReleaseSecret.OpenAiApiKey));
        Assert.False(plan.Secret!.Data.ContainsKey(ReleaseSecret.DatabaseUrl));
        Assert.True(ReleaseSecret.IsOwnedByBuild(plan.Secret));
        Assert.Equal(64, Value(plan.Secret!, ReleaseSecret.PostgresPassword).Length);
        Assert.Equal("creating Secret todo/todo-app-secrets with keys AUTH_SIGNING_KEY, OPENAI_API_KEY, POSTGRES_PASSWORD (AUTH_SIGNING_KEY and POSTGRES_PASSWORD generated)", plan.Explanation);
    }

    [Fact]
    public void A_later_deploy_keeps_the_signing_key_so_nobody_is_signed_out()
    {
        var existing = Owned(new() { [ReleaseSecret.AuthSigningKey] = "kept-key", [ReleaseSecret.OpenAiApiKey] = "old-model-key" });

        var plan = ReleaseSecret.Plan(Name, "todo", new SecretInputs("new-model-key", null, null), existing, () => throw new InvalidOperationException("must not generate"));

        Assert.Equal(SecretAction.Update, plan.Action);
        Assert.Equal("kept-key", Value(plan.Secret!, ReleaseSecret.AuthSigningKey));
        Assert.Equal("new-model-key", Value(plan.Secret!, ReleaseSecret.OpenAiApiKey));
        Assert.Equal("42", plan.Secret!.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_given_signing_key_replaces_the_kept_one_and_values_not_given_stay()
    {
        var existing = Owned(new() { [ReleaseSecret.AuthSigningKey] = "kept-key", [ReleaseSecret.DatabaseUrl] = "postgres://db" });

        var plan = ReleaseSecret.Plan(Name, "todo", new SecretInputs(null, null, "rotated-key"), existing, ReleaseSecret.NewSigningKey);

        Assert.Equal("rotated-key", Value(plan.Secret!, ReleaseSecret.AuthSigningKey));
        Assert.Equal("postgres://db", Value(plan.Secret!, ReleaseSecret.DatabaseUrl));
    }

    // The log line names the keys and what was generated, never a value.
    [Theory]
    [InlineData(false, null, "creating Secret todo/todo-app-secrets with keys AUTH_SIGNING_KEY, DATABASE_URL (AUTH_SIGNING_KEY generated)")]
    [InlineData(true, "kept-password", "updating Secret todo/todo-app-secrets with keys AUTH_SIGNING_KEY, POSTGRES_PASSWORD")]
    [InlineData(true, null, "updating Secret todo/todo-app-secrets with keys AUTH_SIGNING_KEY, POSTGRES_PASSWORD (POSTGRES_PASSWORD generated)")]
    public void The_explanation_says_whether_the_secret_is_created_or_updated_and_which_keys_were_generated(
        bool exists, string? keptPassword, string explanation)
    {
        var kept = new Dictionary<string, string> { [ReleaseSecret.AuthSigningKey] = "kept-key" };
        if (keptPassword is not null)
        {
            kept[ReleaseSecret.PostgresPassword] = keptPassword;
        }

        // A first deploy against an external database; a later one against the in-cluster database.
        var inputs = exists ? new SecretInputs(null, null, null) : new SecretInputs(null, "postgres://db", null);
        var plan = ReleaseSecret.Plan(Name, "todo", inputs, exists ? Owned(kept) : null, () => "generated-key");

        Assert.Equal(explanation, plan.Explanation);
    }

    [Theory]
    [InlineData(false, SecretAction.UseForeign)]
    [InlineData(true, SecretAction.RefuseForeign)]
    public void A_secret_someone_else_made_is_used_as_is_and_never_overwritten(bool parametersGiven, SecretAction action)
    {
        var foreign = new V1Secret { Metadata = new V1ObjectMeta { Name = Name }, Data = new Dictionary<string, byte[]>() };
        var inputs = parametersGiven ? new SecretInputs("sk-x", null, null) : new SecretInputs(null, null, null);

        var plan = ReleaseSecret.Plan(Name, "todo", inputs, foreign, ReleaseSecret.NewSigningKey);

        Assert.Equal(action, plan.Action);
        Assert.Null(plan.Secret);
    }

    [Fact]
    public void A_generated_signing_key_is_long_enough_for_the_backend_and_differs_each_time()
    {
        var first = ReleaseSecret.NewSigningKey();

        Assert.True(Encoding.UTF8.GetByteCount(first) >= 32);
        Assert.NotEqual(first, ReleaseSecret.NewSigningKey());
    }

    [Fact]
    public void No_secret_value_reaches_a_helm_command_line_the_values_file_or_the_log_line()
    {
        var inputs = new SecretInputs("sk-live-VERYSECRET", "postgres://u:p4ssw0rd@neon.example/db", "signing-key-SECRET-0123456789abcdef");
        string[] secrets = [inputs.OpenAiApiKey!, inputs.DatabaseUrl!, inputs.AuthSigningKey!, "p4ssw0rd"];
        var request = new HelmInstallRequest("todo", "charts/todo-app", "todo", "kind-todo", "charts/todo-app/ci/kind-values.yaml",
            "artifacts/cluster/values.generated.yaml", TimeSpan.FromMinutes(5), 4);
        var overrides = new ChartOverrides(
            new Dictionary<string, ImageReference> { ["backend"] = new("todo-backend", "1.0.0-abc"), ["frontend"] = new("todo-frontend", "1.0.0-def") },
            "Never", Name,
            "https://api.openai.com/v1", "gpt-4o-mini", ExternalDatabase: true);
        var plan = ReleaseSecret.Plan(Name, "todo", inputs, null, ReleaseSecret.NewSigningKey);

        string[] everythingPrintedOrWritten =
        [
            string.Join(' ', HelmCommands.UpgradeInstall(request)),
            string.Join(' ', HelmCommands.Test("todo", "todo", "kind-todo", TimeSpan.FromMinutes(2))),
            string.Join(' ', HelmCommands.Uninstall("todo", "todo", "kind-todo", TimeSpan.FromMinutes(2))),
            overrides.ToYaml(),
            plan.Explanation,
        ];

        foreach (var text in everythingPrintedOrWritten)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains("existingSecret: \"todo-app-secrets\"", overrides.ToYaml(), StringComparison.Ordinal);
    }

    static V1Secret Owned(Dictionary<string, string> values) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            ResourceVersion = "42",
            Labels = new Dictionary<string, string> { [ReleaseSecret.ManagedByLabel] = ReleaseSecret.ManagedByValue },
        },
        Data = values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
    };

    static string Value(V1Secret secret, string key) => Encoding.UTF8.GetString(secret.Data[key]);
}
