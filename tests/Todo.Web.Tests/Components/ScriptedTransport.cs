using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Todo.Web.Tests.Components;

/// <summary>
/// The network under a component: answers requests from a script and records what was sent. It sits where the
/// browser's fetch would, so the component and its <c>TodoApi</c> run unchanged.
/// </summary>
public sealed class ScriptedTransport : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string PathAndQuery, Func<HttpRequestMessage, HttpResponseMessage> Answer)> script = [];

    public List<(HttpMethod Method, string PathAndQuery, string? Body, string? CsrfHeader)> Sent { get; } = [];

    public ScriptedTransport On(HttpMethod method, string pathAndQuery, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        script.Insert(0, (method, pathAndQuery, answer));
        return this;
    }

    public ScriptedTransport OnJson<T>(HttpMethod method, string pathAndQuery, T body, JsonTypeInfo<T> type, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, pathAndQuery, _ => new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, type), Encoding.UTF8, "application/json"),
        });

    public ScriptedTransport OnProblem(HttpMethod method, string pathAndQuery, HttpStatusCode status, string problemJson) =>
        On(method, pathAndQuery, _ => new HttpResponseMessage(status)
        {
            Content = new StringContent(problemJson, Encoding.UTF8, "application/problem+json"),
        });

    /// <summary>Every request to that route fails as if the host were unreachable.</summary>
    public ScriptedTransport Unreachable(HttpMethod method, string pathAndQuery) =>
        On(method, pathAndQuery, _ => throw new HttpRequestException("Connection refused (127.0.0.1:1)"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request.Method, pathAndQuery, body,
            request.Headers.TryGetValues("X-Requested-With", out var csrf) ? csrf.Single() : null));
        foreach (var (method, path, answer) in script)
        {
            if (method == request.Method && path == pathAndQuery)
                return answer(request);
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent($$"""{"title":"No script for {{request.Method}} {{pathAndQuery}}","status":404}""", Encoding.UTF8, "application/problem+json"),
        };
    }
}
