namespace Todo.Web.Proxy;

/// <summary>
/// Where the backend lives, read from configuration when the process starts (<c>BACKEND_URL</c>, e.g.
/// <c>http://todo-backend:8000</c> in the cluster) rather than baked in at build time, so one image serves every
/// environment.
/// </summary>
public sealed record BackendAddress(Uri Uri)
{
    public const string ConfigurationKey = "BACKEND_URL";

    public static BackendAddress From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{ConfigurationKey} is not set. Set it to the backend's base address, e.g. {ConfigurationKey}=http://localhost:8000 " +
                $"(in the cluster: http://todo-backend:8000).");
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException(
                $"{ConfigurationKey}='{value}' is not an absolute http(s) address; expected something like http://todo-backend:8000.");
        return new BackendAddress(uri);
    }
}
