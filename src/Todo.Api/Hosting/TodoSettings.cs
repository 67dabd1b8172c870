using System.Globalization;

namespace Todo.Api.Hosting;

/// <summary>
/// Every setting the backend reads, from environment variables (or any other configuration source with the same
/// keys). Read lazily from <see cref="IConfiguration"/> so test hosts and command-line verbs can override them.
/// </summary>
public sealed class TodoSettings
{
    public required string? DatabaseUrl { get; init; }
    /// <summary>Replaces the password in DATABASE_URL, so the URL can live in a ConfigMap and only this in a Secret.</summary>
    public required string? DatabasePassword { get; init; }
    public required string? ConnectionString { get; init; }
    public required string SqlitePath { get; init; }
    public required bool MigrateOnStartup { get; init; }

    public required string? AuthSigningKey { get; init; }
    /// <summary>Keys that no longer sign but still validate, so a rotated key signs nobody out.</summary>
    public required IReadOnlyList<string> PreviousSigningKeys { get; init; }
    /// <summary>Opt-in for keeping a generated key in the database (outside Development the backend otherwise refuses to start without AUTH_SIGNING_KEY).</summary>
    public required bool AllowDatabaseSigningKey { get; init; }
    public required TimeSpan TokenLifetime { get; init; }

    public required string? OpenAiApiKey { get; init; }
    public required Uri? OpenAiBaseUrl { get; init; }
    public required string OpenAiModel { get; init; }
    public required TimeSpan OpenAiTimeout { get; init; }
    public required int OpenAiMaxRetries { get; init; }

    public required int RequestsPerMinute { get; init; }
    public required int ChatRequestsPerMinute { get; init; }
    public required int AuthRequestsPerMinute { get; init; }
    public required int SignInFailuresPerAccount { get; init; }
    public required TimeSpan SignInFailureWindow { get; init; }
    /// <summary>Addresses and networks whose X-Forwarded-For the backend believes (the frontend's pods); loopback only by default.</summary>
    public required IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; }
    public required long MaxRequestBodyBytes { get; init; }

    public required bool OpenApiEnabled { get; init; }

    public static TodoSettings From(IConfiguration configuration, IHostEnvironment environment) => new()
    {
        OpenApiEnabled = Flag(configuration, "OPENAPI_ENABLED", environment.IsDevelopment()),
        DatabaseUrl = Text(configuration, "DATABASE_URL"),
        DatabasePassword = configuration["DATABASE_PASSWORD"] is { Length: > 0 } password ? password : null,
        ConnectionString = Text(configuration, "ConnectionStrings:Todo"),
        SqlitePath = Text(configuration, "SQLITE_PATH") ?? "todo.db",
        MigrateOnStartup = Flag(configuration, "MIGRATE_ON_STARTUP", true),
        AuthSigningKey = Text(configuration, "AUTH_SIGNING_KEY"),
        PreviousSigningKeys = List(configuration, "AUTH_PREVIOUS_SIGNING_KEYS"),
        AllowDatabaseSigningKey = Flag(configuration, "AUTH_ALLOW_DATABASE_SIGNING_KEY", false),
        TokenLifetime = TimeSpan.FromHours(Number(configuration, "AUTH_TOKEN_LIFETIME_HOURS", 24, 1, 24 * 90)),
        OpenAiApiKey = Text(configuration, "OPENAI_API_KEY"),
        OpenAiBaseUrl = Text(configuration, "OPENAI_BASE_URL") is { } url ? AbsoluteUri("OPENAI_BASE_URL", url) : null,
        OpenAiModel = Text(configuration, "OPENAI_MODEL") ?? "gpt-4o-mini",
        OpenAiTimeout = TimeSpan.FromSeconds(Number(configuration, "OPENAI_TIMEOUT_SECONDS", 30, 1, 600)),
        OpenAiMaxRetries = Number(configuration, "OPENAI_MAX_RETRIES", 2, 0, 10),
        RequestsPerMinute = Number(configuration, "RATE_LIMIT_REQUESTS_PER_MINUTE", 300, 1, int.MaxValue),
        ChatRequestsPerMinute = Number(configuration, "RATE_LIMIT_CHAT_PER_MINUTE", 30, 1, int.MaxValue),
        AuthRequestsPerMinute = Number(configuration, "RATE_LIMIT_AUTH_PER_MINUTE", 20, 1, int.MaxValue),
        SignInFailuresPerAccount = Number(configuration, "AUTH_FAILURES_PER_ACCOUNT", 10, 1, int.MaxValue),
        SignInFailureWindow = TimeSpan.FromMinutes(Number(configuration, "AUTH_FAILURE_WINDOW_MINUTES", 15, 1, 24 * 60)),
        TrustedProxies = Networks(configuration, "TRUSTED_PROXIES"),
        MaxRequestBodyBytes = Number(configuration, "MAX_REQUEST_BODY_BYTES", 64 * 1024, 1024, 64 * 1024 * 1024),
    };

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string[] List(IConfiguration configuration, string key) =>
        Text(configuration, key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static readonly System.Net.IPNetwork[] Loopback =
        [System.Net.IPNetwork.Parse("127.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")];

    private static System.Net.IPNetwork[] Networks(IConfiguration configuration, string key)
    {
        var entries = List(configuration, key);
        if (entries.Length == 0)
        {
            return Loopback;
        }

        return entries.Select(entry =>
            System.Net.IPNetwork.TryParse(entry, out var network) ? network
            : System.Net.IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
            : throw new InvalidOperationException($"{key} must list IP addresses or CIDR networks separated by commas (e.g. 10.244.0.0/16,127.0.0.1), not '{entry}'."))
            .ToArray();
    }

    private static bool Flag(IConfiguration configuration, string key, bool fallback) =>
        Text(configuration, key) is not { } value ? fallback
        : bool.TryParse(value, out var flag) ? flag
        : throw new InvalidOperationException($"{key} must be true or false, not '{value}'.");

    private static int Number(IConfiguration configuration, string key, int fallback, int min, int max) =>
        Text(configuration, key) is not { } value ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new InvalidOperationException($"{key} must be a whole number from {min} to {max}, not '{value}'.");

    private static Uri AbsoluteUri(string key, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{key} must be an absolute http(s) URL, not '{value}'.");
}
