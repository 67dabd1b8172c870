using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization.Metadata;

namespace Todo.Smoke.Tests;

/// <summary>
/// One request and its fully read response. Every expectation a check states goes through here, so a failure always
/// shows what was sent, what came back (status, headers, body) and what was expected.
/// </summary>
public sealed partial class Exchange
{
    const int BodyLimit = 4000;

    // Credentials never reach a test log: only that they were sent.
    static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie" };

    Exchange(string request, HttpResponseMessage response, string body, TimeSpan elapsed)
    {
        Request = request;
        Response = response;
        Body = body;
        Elapsed = elapsed;
    }

    public string Request { get; }

    public HttpResponseMessage Response { get; }

    public HttpStatusCode Status => Response.StatusCode;

    public string Body { get; }

    public TimeSpan Elapsed { get; }

    public static async Task<Exchange> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SmokeCheckFailedException(
                $"an HTTP response (the request failed at the transport level: {exception.Message})",
                Describe(request, requestBody, client),
                "(no response)");
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Exchange(Describe(request, requestBody, client), response, body, started.Elapsed);
    }

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public string? MediaType => Response.Content.Headers.ContentType?.MediaType;

    public Exchange ShouldHaveStatus(HttpStatusCode expected)
    {
        if (Status != expected)
            throw Failure($"status {(int)expected} {expected}");
        return this;
    }

    public Exchange ShouldBe(bool condition, string expectation)
    {
        if (!condition)
            throw Failure(expectation);
        return this;
    }

    public T Json<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(Body, type) ?? throw Failure($"a JSON {typeof(T).Name}, not null");
        }
        catch (JsonException exception)
        {
            throw Failure($"a JSON {typeof(T).Name} body ({exception.Message})");
        }
    }

    public SmokeCheckFailedException Failure(string expectation) => new(expectation, Request, DescribeResponse());

    string DescribeResponse()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(int)Status} {Response.ReasonPhrase} after {Elapsed.TotalMilliseconds:F0} ms\n");
        foreach (var header in Response.Headers.Concat(Response.Content.Headers))
            text.Append(CultureInfo.InvariantCulture, $"  {header.Key}: {RedactSetCookie(header.Key, header.Value)}\n");
        text.Append(Truncate(Body));
        return text.ToString();
    }

    static string Describe(HttpRequestMessage request, string body, HttpClient client)
    {
        var text = new StringBuilder();
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute : new Uri(client.BaseAddress!, request.RequestUri!);
        text.Append(CultureInfo.InvariantCulture, $"{request.Method} {uri}\n");
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = request.Headers;
        if (request.Content is not null)
            headers = headers.Concat(request.Content.Headers);
        foreach (var header in headers)
            text.Append(CultureInfo.InvariantCulture, $"  {header.Key}: {(SecretHeaders.Contains(header.Key) ? "<redacted>" : string.Join(", ", header.Value))}\n");
        text.Append(Truncate(PasswordField().Replace(body, "$1\"<redacted>\"")));
        return text.ToString();
    }

    // The suite's user is throwaway, but a password in a CI log teaches bad habits and trips secret scanners.
    [GeneratedRegex("(\"password\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordField();

    /// <summary>Keeps a cookie's name and attributes (HttpOnly, SameSite … are what a reader needs) and drops its value.</summary>
    static string RedactSetCookie(string name, IEnumerable<string> values) =>
        !name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
            ? string.Join(", ", values)
            : string.Join(" | ", values.Select(cookie =>
            {
                var equals = cookie.IndexOf('=', StringComparison.Ordinal);
                var semicolon = cookie.IndexOf(';', StringComparison.Ordinal);
                return equals < 0 ? cookie : cookie[..(equals + 1)] + "<redacted>" + (semicolon < 0 ? "" : cookie[semicolon..]);
            }));

    static string Truncate(string body) =>
        body.Length <= BodyLimit ? body : body[..BodyLimit] + $"… ({body.Length - BodyLimit} more characters)";
}

/// <summary>A smoke check's expectation was not met; the message carries the whole exchange.</summary>
public sealed class SmokeCheckFailedException : Exception
{
    public SmokeCheckFailedException(string expected, string request, string response)
        : base($"Expected: {expected}\n--- request ---\n{request}\n--- response ---\n{response}")
    {
    }

    public SmokeCheckFailedException()
    {
    }

    public SmokeCheckFailedException(string message)
        : base(message)
    {
    }

    public SmokeCheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
