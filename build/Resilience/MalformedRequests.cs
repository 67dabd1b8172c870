using System.Text;
using Todo.Contracts;

namespace Resilience;

/// <summary>One hostile or broken request: what it is, and how to send it.</summary>
public sealed record MalformedRequest(string Description, string Method, string Path, byte[]? Body = null, string? ContentType = null)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Send with the load user's credentials, so the request gets past authentication to the code it aims at.</summary>
    public bool Authenticated { get; init; } = true;
}

/// <summary>
/// The burst: for every endpoint of <see cref="ApiRoutes"/>, the ways a client can get a request wrong — broken or
/// mistyped JSON, wrong content types, bodies and fields past every limit, impossible ids, hostile headers. The
/// answer may be any 4xx; a 5xx means some input reached code that did not expect it.
/// </summary>
public static class MalformedRequests
{
    /// <summary>Past the backend's default 64 KiB body limit many times over.</summary>
    public const int OversizedBodyBytes = 2 * 1024 * 1024;

    static readonly string[] BadIds = ["abc", "-1", "0", "2147483648", "99999999999999999999", "1.5", "%00", "1;DROP TABLE tasks",
        new string('9', 4000)];

    static readonly string[] BadConversationIds = ["not-a-guid", "00000000-0000-0000-0000-000000000000", "%7B%7D"];

    /// <summary>Routes that take a JSON body, with the method that sends it.</summary>
    public static IReadOnlyList<(string Method, string Path)> BodyRoutes { get; } =
    [
        ("POST", ApiRoutes.SignUp),
        ("POST", ApiRoutes.SignIn),
        ("POST", ApiRoutes.Password),
        ("POST", ApiRoutes.Tasks),
        ("PATCH", ApiRoutes.Task(1)),
        ("PUT", ApiRoutes.Task(1)),
        ("POST", ApiRoutes.Chat),
        ("POST", ApiRoutes.Mcp),
    ];

    /// <summary>Every route the backend answers, read with GET (and the wrong methods).</summary>
    public static IReadOnlyList<string> AllPaths { get; } =
    [
        ApiRoutes.SignUp, ApiRoutes.SignIn, ApiRoutes.Me, ApiRoutes.SignOut, ApiRoutes.Password, ApiRoutes.Refresh, ApiRoutes.Tasks,
            ApiRoutes.Task(1), ApiRoutes.Chat,
        ApiRoutes.Conversations, ApiRoutes.ConversationMessages(Guid.Empty), ApiRoutes.Mcp, ApiRoutes.HealthLive, ApiRoutes.HealthReady,
    ];

    /// <summary>The burst for one app: its body routes and paths (the backend's by default).</summary>
    public static IReadOnlyList<MalformedRequest> All(IEnumerable<(string Method, string Path)>? bodyRoutes = null,
        IEnumerable<string>? paths = null)
    {
        var requests = new List<MalformedRequest>();
        foreach (var (method, path) in bodyRoutes ?? BodyRoutes)
            requests.AddRange(BodiesFor(method, path));
        foreach (var path in paths ?? AllPaths)
        {
            requests.Add(new($"{path}: unsupported method", "DELETE", path == ApiRoutes.Task(1) ? ApiRoutes.Tasks : path));
            requests.Add(new($"{path}: TRACE", "TRACE", path));
            requests.Add(new($"{path}: 8 KiB query string", "GET", $"{path}?q={new string('x', 8 * 1024)}"));
            requests.Add(
                new($"{path}: forged bearer token", "GET", path) { Authenticated = false,
                    Headers = Header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.") });
            requests.Add(
                new($"{path}: 16 KiB garbage bearer token", "GET", path) { Authenticated = false,
                    Headers = Header("Authorization", "Bearer " + new string('a', 16 * 1024)) });
            requests.Add(
                new($"{path}: Basic credentials", "GET", path) { Authenticated = false,
                    Headers = Header("Authorization", "Basic Zm9vOmJhcg==") });
            requests.Add(new($"{path}: 64 KiB header", "GET", path) { Headers = Header("X-Filler", new string('h', 64 * 1024)) });
            requests.Add(new($"{path}: Accept of nothing it serves", "GET", path) { Headers = Header("Accept", "application/x-nonsense") });
        }

        foreach (var id in BadIds)
        {
            foreach (var method in new[] { "GET", "DELETE" })
                requests.Add(new($"task id '{Shorten(id)}' with {method}", method, $"{ApiRoutes.Tasks}/{id}"));
            requests.Add(new($"task id '{Shorten(id)}' with PATCH", "PATCH", $"{ApiRoutes.Tasks}/{id}", Json("""{"isCompleted":true}"""),
                "application/json"));
        }

        foreach (var id in BadConversationIds)
            requests.Add(new($"conversation id '{id}'", "GET", $"{ApiRoutes.Conversations}/{id}/messages"));
        foreach (var query in new[] { "status=bogus", "status=", "status=1", "page=-1", "pageSize=1000000", "dueBefore=yesterday" })
            requests.Add(new($"task list ?{query}", "GET", $"{ApiRoutes.Tasks}?{query}"));
        return requests;
    }

    static IEnumerable<MalformedRequest> BodiesFor(string method, string path)
    {
        const string json = "application/json";
        yield return new($"{method} {path}: truncated JSON", method, path, Json("""{"title": """), json);
        yield return new($"{method} {path}: empty body", method, path, [], json);
        yield return new($"{method} {path}: JSON null", method, path, Json("null"), json);
        yield return new($"{method} {path}: JSON array", method, path, Json("[1,2,3]"), json);
        yield return new($"{method} {path}: JSON string", method, path, Json("\"hello\""), json);
        yield return new($"{method} {path}: every field the wrong type", method, path,
            Json("""{"email":5,"password":[],"title":{},"description":"""
                + """7,"priority":"urgent","dueDate":"not-a-date","isCompleted":"maybe","message":"""
                + """false,"conversationId":"nope","jsonrpc":1,"method":null}"""), json);
        yield return new($"{method} {path}: every string empty", method, path,
            Json("""{"email":"","password":"","title":"","message":"","jsonrpc":"","method":""}"""), json);
        // Each field far past its limit: e(mail), p(assword), t(itle), d(escription), m(essage).
        var (e, p, t, d, m) = (new string('e', 10_000), new string('p', 10_000), new string('t', TaskLimits.TitleMaxLength * 10),
            new string('d', TaskLimits.DescriptionMaxLength * 10), new string('m', ChatLimits.MessageMaxLength * 5));
        yield return new($"{method} {path}: every string past its limit", method, path,
            Json($$"""{"email":"{{e}}@x.test","password":"{{p}}","title":"{{t}}","description":"{{d}}","message":"{{m}}"}"""), json);
        yield return new($"{method} {path}: control characters and lone surrogates", method, path,
            Json("""{"email":"a\u0000b@x.test","password":"\ud800","title":"\u0000\u001f\ud800","message":"\ud800\u0000"}"""), json);
        yield return new($"{method} {path}: invalid UTF-8", method, path,
            [0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], json);
        yield return new($"{method} {path}: JSON nested 10,000 deep", method, path, Json(new string('[', 10_000) + new string(']', 10_000)),
            json);
        yield return new($"{method} {path}: {OversizedBodyBytes / 1024 / 1024} MiB body", method, path,
            Json($$"""{"title":"{{new string('x', OversizedBodyBytes)}}"}"""), json);
        yield return new($"{method} {path}: form-encoded body", method, path, Json("title=x&message=y"),
            "application/x-www-form-urlencoded");
        yield return new($"{method} {path}: XML body", method, path, Json("<task><title>x</title></task>"), "application/xml");
        yield return new($"{method} {path}: no content type", method, path, Json("""{"title":"x"}"""), null);
        yield return new($"{method} {path}: multipart without boundary", method, path, Json("--x\r\n"), "multipart/form-data");
    }

    static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    static string Shorten(string text) => text.Length <= 24 ? text : $"{text[..12]}…({text.Length} chars)";
}
