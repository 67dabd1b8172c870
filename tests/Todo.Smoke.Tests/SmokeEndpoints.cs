namespace Todo.Smoke.Tests;

/// <summary>Where the deployment under test answers: read once from the environment the SmokeTest stage sets.</summary>
public static class SmokeEndpoints
{
    public const string BaseUrlVariable = "SMOKE_BASE_URL";
    public const string BackendUrlVariable = "SMOKE_BACKEND_URL";

    /// <summary>The frontend: the only address a user of the deployment ever sees.</summary>
    public static Uri Frontend => Read(BaseUrlVariable)
        ?? throw new InvalidOperationException(
            $"{BaseUrlVariable} is not set. Point it at the deployed frontend, e.g. {BaseUrlVariable}=http://127.0.0.1:8080 "
            + "(./build.sh SmokeTest sets it for you).");

    /// <summary>The backend, when the deployment exposes it to the suite (local run, port-forward); else null.</summary>
    public static Uri? Backend => Read(BackendUrlVariable);

    static Uri? Read(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{variable}='{value}' is not an absolute http(s) URL.");
        return uri;
    }
}
