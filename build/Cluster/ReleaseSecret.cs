using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Cluster;

/// <summary>The secret settings the build hands to the release. Any may be absent: without a model key the backend
/// answers with its built-in interpreter; without a database URL the chart runs PostgreSQL in the cluster.</summary>
public sealed record SecretInputs(string? OpenAiApiKey, string? DatabaseUrl, string? AuthSigningKey)
{
    public bool AnyGiven => new[] { OpenAiApiKey, DatabaseUrl, AuthSigningKey }.Any(v => !string.IsNullOrEmpty(v));
}

public enum SecretAction
{
    Create,
    Update,

    /// <summary>Someone else made the Secret (docs/chart.md tells users how) and no secret parameter was given: use
    /// it as it is.</summary>
    UseForeign,

    /// <summary>Someone else made it, yet secret parameters were given: overwriting a Secret the build does not own
    /// could destroy a key in use elsewhere, so the build stops and says so.</summary>
    RefuseForeign,
}

public sealed record SecretPlan(SecretAction Action, V1Secret? Secret, string Explanation);

/// <summary>Composes the Kubernetes Secret the chart reads through <c>secrets.existingSecret</c>. Values travel only
/// in this object, sent to the API server over its TLS connection: never on a command line, in a values file or a
/// log. AUTH_SIGNING_KEY is generated once and then kept, because changing it signs every user out.</summary>
public static class ReleaseSecret
{
    /// <summary>The chart's default <c>secrets.existingSecret</c>, and the Secret the build creates for release <c>todo</c>.</summary>
    public const string DefaultName = "todo-app-secrets";

    /// <summary>The Secret the build creates for <paramref name="release"/>: one per release, so two releases in one
    /// namespace neither share keys nor remove each other's on Undeploy. Release <c>todo</c> gives <see cref="DefaultName"/>.</summary>
    public static string NameFor(string release) => $"{release}-app-secrets";

    public const string OpenAiApiKey = "OPENAI_API_KEY";
    public const string DatabaseUrl = "DATABASE_URL";
    public const string AuthSigningKey = "AUTH_SIGNING_KEY";
    /// <summary>The in-cluster database's password, which the chart no longer generates at render time (issue 17).</summary>
    public const string PostgresPassword = "POSTGRES_PASSWORD";

    /// <summary>Marks the Secrets the build created, so Undeploy deletes those and no other.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "todo-app-build";

    public static bool IsOwnedByBuild(V1Secret? secret) =>
        secret?.Metadata?.Labels is { } labels && labels.TryGetValue(ManagedByLabel, out var value) && value == ManagedByValue;

    /// <summary>A fresh signing key: 48 random bytes as base64 (64 characters; the backend wants at least 32 bytes).</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static SecretPlan Plan(string name, string ns, SecretInputs inputs, V1Secret? existing, Func<string> newSigningKey)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(newSigningKey);
        if (existing is not null && !IsOwnedByBuild(existing))
        {
            return inputs.AnyGiven
                ? new(SecretAction.RefuseForeign, null,
                    $"Secret {ns}/{name} exists and was not created by the build, so the build will not overwrite it with "
                    + "the secret parameters given. Either drop those parameters and keep your Secret, or delete it "
                    + $"(`kubectl delete secret {name} -n {ns}`) and let the build create its own.")
                : new(SecretAction.UseForeign, null, $"using the existing Secret {ns}/{name} as it is (not created by the build)");
        }

        var data = new Dictionary<string, byte[]>(existing?.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                data[key] = Encoding.UTF8.GetBytes(value);
            }
        }

        Set(OpenAiApiKey, inputs.OpenAiApiKey);
        Set(DatabaseUrl, inputs.DatabaseUrl);
        Set(AuthSigningKey, inputs.AuthSigningKey);
        var generated = !data.ContainsKey(AuthSigningKey);
        if (generated)
        {
            Set(AuthSigningKey, newSigningKey());
        }

        // Generated once and kept like the signing key: the database volume remembers the first password. Only for
        // the in-cluster database (no DATABASE_URL), and never replaced.
        var generatedPassword = !data.ContainsKey(PostgresPassword) && !data.ContainsKey(DatabaseUrl);
        if (generatedPassword)
        {
            Set(PostgresPassword, NewSigningKey());
        }

        // kind, apiVersion and type Opaque are what the API server fills in for an object posted to .../secrets
        // (the URL names the kind; kubernetes/pkg/apis/core/v1/defaults.go, SetDefaults_Secret), so none is sent.
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                ResourceVersion = existing?.Metadata?.ResourceVersion,
                Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedByValue },
            },
            Data = data,
        };
        var keys = string.Join(", ", data.Keys.Order(StringComparer.Ordinal));
        var generatedKeys = new[] { generated ? AuthSigningKey : null, generatedPassword ? PostgresPassword : null }.OfType<string>();
        var explanation = (existing is null ? "creating" : "updating") + $" Secret {ns}/{name} with keys {keys}"
            + (generated || generatedPassword ? $" ({string.Join(" and ", generatedKeys)} generated)" : "");
        return new(existing is null ? SecretAction.Create : SecretAction.Update, secret, explanation);
    }

    /// <summary>Reads the Secret, plans, and creates or replaces it. Returns the plan (its explanation names keys,
    /// never values).</summary>
    public static async Task<SecretPlan> ApplyAsync(IKubernetes client, string name, string ns, SecretInputs inputs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var existing = await ReadOrNullAsync(client, name, ns, cancellationToken);
        var plan = Plan(name, ns, inputs, existing, NewSigningKey);
        switch (plan.Action)
        {
            case SecretAction.Create:
                await client.CoreV1.CreateNamespacedSecretAsync(plan.Secret!, ns, cancellationToken: cancellationToken);
                break;
            case SecretAction.Update:
                await client.CoreV1.ReplaceNamespacedSecretAsync(plan.Secret!, name, ns, cancellationToken: cancellationToken);
                break;
            case SecretAction.RefuseForeign:
                throw new InvalidOperationException(plan.Explanation);
            default:
                break;
        }

        return plan;
    }

    public static async Task<V1Secret?> ReadOrNullAsync(IKubernetes client, string name, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
