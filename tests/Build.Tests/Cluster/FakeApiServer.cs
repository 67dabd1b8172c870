using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Build.Tests.Cluster;

/// <summary>
/// A stand-in for a Kubernetes API server on loopback, for the few calls the cluster stages stream: list with
/// <c>?watch=true</c> answered as Kubernetes does (a chunked body of one JSON watch event per line, objects serialised
/// by KubernetesClient's own serializer), and <c>pods/{name}/portforward</c> as a WebSocket speaking
/// <c>v4.channel.k8s.io</c> (the port number first on channels 0 and 1, little-endian; then channel-prefixed frames),
/// relaying channel 0 to a real TCP server that plays the pod. Plain lists honour equality-based
/// <c>labelSelector</c>s (<c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>; Kubernetes docs, "Labels and
/// Selectors"); a GET of one object answers it or 404 with a Status; DELETE removes the object and answers it, except
/// a Pod, which (graceful deletion, Kubernetes docs "Pod Lifecycle", "Termination of Pods") stays listed with its
/// <c>deletionTimestamp</c> until the kubelet would have stopped it (<see cref="FinishPodTerminations"/>).
/// POST to a collection creates (201; 409 AlreadyExists when the name is taken) and PUT to an object replaces it
/// (200; 404 when it does not exist, 409 Conflict when the body's <c>resourceVersion</c> is not the stored one), each
/// write giving the object a new <c>resourceVersion</c> (Kubernetes docs, "Kubernetes API Concepts": "Efficient detection
/// of changes", "Resource versions"; API conventions, "Concurrency Control and Consistency"). The server fills in what a
/// typed request may leave out: <c>kind</c>/<c>apiVersion</c> from the URL and a Secret's <c>type: Opaque</c>
/// (kubernetes/pkg/apis/core/v1/defaults.go, <c>SetDefaults_Secret</c>). <see cref="Refuse"/> makes a request fail as
/// an authorizer or admission would: its status code and a Status body.
/// What it cannot prove: authentication and TLS, the SPDY path kubectl uses, the v5 protocol's close frames,
/// resourceVersion semantics and 410 Gone, how the kubelet and container runtime behave, and Service load balancing.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentDictionary<string, Channel<string?>> watches = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string Ns, string Pod, int Port), IPEndPoint> pods = new();
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> collections = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string Method, string Path), (int Code, string Reason, string Message)> refusals = new();
    long resourceVersion = 1000;

    FakeApiServer(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Path and query of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The WebSocket subprotocols each port-forward request offered.</summary>
    public ConcurrentQueue<string> OfferedProtocols { get; } = new();

    public int PortForwardSessions => portForwardSessions;

    int portForwardSessions;

    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            if (server.refusals.TryGetValue((context.Request.Method, context.Request.Path.Value!), out var refusal))
            {
                await StatusAsync(context, refusal.Code, refusal.Reason, refusal.Message);
                return;
            }

            await next(context);
        });
        app.Map("/api/v1/namespaces/{ns}/pods/{pod}/portforward", server.PortForwardAsync);
        app.MapGet("/version", () => Results.Text(
            """{"major":"1","minor":"34","gitVersion":"v1.34.0","platform":"linux/amd64"}""", "application/json"));
        app.MapGet("/{**path}", server.WatchAsync);
        app.MapDelete("/{**path}", server.DeleteAsync);
        app.MapPost("/{**path}", server.CreateAsync);
        app.MapPut("/{**path}", server.ReplaceAsync);
        await app.StartAsync();
        server.Url = new Uri(app.Urls.Single());
        return server;
    }

    public IKubernetes Client() => new Kubernetes(new KubernetesClientConfiguration { Host = Url.ToString() });

    /// <summary>Sends a watch event to whoever watches <paramref name="collectionPath"/> (now or later).</summary>
    public void Emit<T>(string collectionPath, string type, T item)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var json = Store(collectionPath, type, item);
        Stream(collectionPath).Writer.TryWrite($"{{\"type\":\"{type}\",\"object\":{json}}}\n");
    }

    /// <summary>Changes what a list answers without a watch event (yet), as when an event is still in flight.</summary>
    public string Store<T>(string collectionPath, string type, T item)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(item);
        var json = KubernetesJson.Serialize(item);
        var objects = collections.GetOrAdd(collectionPath, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        if (type == "DELETED")
        {
            objects.TryRemove(item.Metadata.Name, out _);
        }
        else
        {
            objects[item.Metadata.Name] = json;
        }

        return json;
    }

    /// <summary>Ends the current watch response, as the API server does when a watch's timeout passes.</summary>
    public void CloseWatch(string collectionPath) => Stream(collectionPath).Writer.TryWrite(null);

    /// <summary>Makes port <paramref name="port"/> of the pod reachable at <paramref name="target"/>.</summary>
    public void MapPod(string ns, string pod, int port, IPEndPoint target) => pods[(ns, pod, port)] = target;

    Channel<string?> Stream(string path) => watches.GetOrAdd(path, _ => Channel.CreateUnbounded<string?>());

    async Task WatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        if (context.Request.Query["watch"] != "true")
        {
            if (ObjectPath(path) is var (collection, name))
            {
                await AnswerObjectAsync(context, collection, name);
                return;
            }

            // A plain list: the objects as they stand now, in a List envelope.
            var selector = context.Request.Query["labelSelector"].ToString();
            var items = collections.TryGetValue(path, out var objects)
                ? string.Join(',', objects.Values.Where(json => Matches(selector, json)))
                : "";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{{\"resourceVersion\":\"1\"}},\"items\":[{items}]}}");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        var events = Stream(path).Reader;
        try
        {
            await foreach (var line in events.ReadAllAsync(context.RequestAborted))
            {
                if (line is null)
                {
                    return;
                }

                await context.Response.WriteAsync(line, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped watching.
        }
    }

    /// <summary>Ends the graceful deletion of every Pod marked for it, as the kubelet does once its containers stopped.</summary>
    public void FinishPodTerminations()
    {
        foreach (var (path, objects) in collections)
        {
            if (!path.EndsWith("/pods", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (name, json) in objects)
            {
                if (JsonNode.Parse(json)?["metadata"]?["deletionTimestamp"] is not null)
                {
                    objects.TryRemove(name, out _);
                }
            }
        }
    }

    async Task DeleteAsync(HttpContext context)
    {
        if (ObjectPath(context.Request.Path.Value!) is not var (collection, name)
            || !collections.TryGetValue(collection, out var objects) || !objects.TryGetValue(name, out var json))
        {
            await NotFoundAsync(context, name: ObjectPath(context.Request.Path.Value!)?.Name ?? "");
            return;
        }

        if (collection.EndsWith("/pods", StringComparison.Ordinal))
        {
            var pod = JsonNode.Parse(json)!;
            pod["metadata"]!["deletionTimestamp"] ??= DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            pod["metadata"]!["deletionGracePeriodSeconds"] ??= 30;
            json = pod.ToJsonString();
            objects[name] = json;
        }
        else
        {
            objects.TryRemove(name, out _);
        }

        Deletions.Enqueue(collection + "/" + name);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>Object paths (collection + "/" + name) of every DELETE that found its object, in order.</summary>
    public ConcurrentQueue<string> Deletions { get; } = new();

    async Task AnswerObjectAsync(HttpContext context, string collection, string name)
    {
        if (collections.TryGetValue(collection, out var objects) && objects.TryGetValue(name, out var json))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
            return;
        }

        await NotFoundAsync(context, name);
    }

    // The API server's answer for a missing object: 404 with a Status body (reason NotFound).
    static Task NotFoundAsync(HttpContext context, string name) =>
        StatusAsync(context, StatusCodes.Status404NotFound, "NotFound", $"\"{name}\" not found");

    // How the API server answers a request it refuses: the HTTP status and a Status object with the same code, a
    // machine-readable reason and a message (API conventions, "Response Status Kind").
    static async Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        await context.Response.WriteAsync(status.ToJsonString());
    }

    /// <summary>Answers every <paramref name="method"/> request to <paramref name="path"/> with <paramref name="code"/>
    /// and a Status, as the API server does when RBAC forbids it (403 Forbidden) or it is overloaded (429, 500).</summary>
    public void Refuse(string method, string path, int code, string reason, string message) =>
        refusals[(method, path)] = (code, reason, message);

    /// <summary>The object stored at <paramref name="collectionPath"/> under <paramref name="name"/>, as JSON; null if none.</summary>
    public JsonNode? Stored(string collectionPath, string name) =>
        collections.TryGetValue(collectionPath, out var objects) && objects.TryGetValue(name, out var json) ? JsonNode.Parse(json) : null;

    async Task CreateAsync(HttpContext context)
    {
        var collection = context.Request.Path.Value!;
        if (ObjectPath(collection) is not null)
        {
            await StatusAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            return;
        }

        var item = await ReadBodyAsync(context, collection);
        var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
        var objects = collections.GetOrAdd(collection, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        item["metadata"]!["resourceVersion"] = NextResourceVersion();
        if (!objects.TryAdd(name, item.ToJsonString()))
        {
            await StatusAsync(context, StatusCodes.Status409Conflict, "AlreadyExists", $"{Resource(collection)} \"{name}\" already exists");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(objects[name]);
    }

    async Task ReplaceAsync(HttpContext context)
    {
        if (ObjectPath(context.Request.Path.Value!) is not var (collection, name))
        {
            await StatusAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            return;
        }

        var item = await ReadBodyAsync(context, collection);
        if (!collections.TryGetValue(collection, out var objects) || !objects.TryGetValue(name, out var stored))
        {
            // Secrets, ConfigMaps and most kinds do not allow create-on-update: PUT to a missing one is 404.
            await NotFoundAsync(context, name);
            return;
        }

        var sent = item["metadata"]?["resourceVersion"]?.GetValue<string>();
        var current = JsonNode.Parse(stored)?["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(sent) && sent != current)
        {
            await StatusAsync(context, StatusCodes.Status409Conflict, "Conflict",
                $"Operation cannot be fulfilled on {Resource(collection)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            return;
        }

        item["metadata"]!["resourceVersion"] = NextResourceVersion();
        objects[name] = item.ToJsonString();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(objects[name]);
    }

    string NextResourceVersion() => Interlocked.Increment(ref resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string Resource(string collection) => collection[(collection.LastIndexOf('/') + 1)..];

    // The request body as the API server decodes it: kind and apiVersion default to those the URL names, and the
    // object's defaults are applied (only a Secret's here).
    static async Task<JsonObject> ReadBodyAsync(HttpContext context, string collection)
    {
        var item = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var segments = collection.Trim('/').Split('/');
        item["apiVersion"] ??= segments[0] == "apis" ? $"{segments[1]}/{segments[2]}" : segments[1];
        item["metadata"] ??= new JsonObject();
        if (Resource(collection) == "secrets")
        {
            item["kind"] ??= "Secret";
            item["type"] ??= "Opaque";
        }

        return item;
    }

    /// <summary>Splits an object's path into its collection and name: <c>/api/v1/namespaces/todo/pods/x</c>,
    /// <c>/apis/batch/v1/namespaces/todo/jobs/x</c>, <c>/api/v1/nodes/x</c>. Null for a collection (or a subresource).</summary>
    static (string Collection, string Name)? ObjectPath(string path)
    {
        var segments = path.Trim('/').Split('/');
        var prefix = segments.Length > 0 && segments[0] == "apis" ? 3 : 2;
        var rest = segments.Skip(prefix).ToArray();
        var resourceAt = rest.Length >= 3 && rest[0] == "namespaces" ? 2 : 0;
        if (rest.Length != resourceAt + 2)
        {
            return null;
        }

        return ("/" + string.Join('/', segments.Take(prefix + resourceAt + 1)), rest[^1]);
    }

    static bool Matches(string selector, string json)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        var labels = JsonNode.Parse(json)?["metadata"]?["labels"] as JsonObject;
        string? Label(string key) => labels?[key]?.GetValue<string>();
        foreach (var requirement in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var satisfied = requirement switch
            {
                _ when requirement.Contains("!=", StringComparison.Ordinal) =>
                    Label(requirement[..requirement.IndexOf("!=", StringComparison.Ordinal)]) != requirement[(requirement.IndexOf("!=", StringComparison.Ordinal) + 2)..],
                _ when requirement.Contains('=', StringComparison.Ordinal) =>
                    Label(requirement[..requirement.IndexOf('=', StringComparison.Ordinal)]) == requirement[(requirement.LastIndexOf('=') + 1)..],
                _ when requirement.StartsWith('!') => Label(requirement[1..]) is null,
                _ => Label(requirement) is not null,
            };
            if (!satisfied)
            {
                return false;
            }
        }

        return true;
    }

    async Task PortForwardAsync(HttpContext context, string ns, string pod)
    {
        OfferedProtocols.Enqueue(string.Join(',', context.WebSockets.WebSocketRequestedProtocols));
        if (!context.WebSockets.IsWebSocketRequest
            || !context.WebSockets.WebSocketRequestedProtocols.Contains("v4.channel.k8s.io")
            || !int.TryParse(context.Request.Query["ports"], out var port))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Interlocked.Increment(ref portForwardSessions);
        using var socket = await context.WebSockets.AcceptWebSocketAsync("v4.channel.k8s.io");
        byte[] portBytes = [(byte)(port & 0xff), (byte)(port >> 8)];
        await SendAsync(socket, 0, portBytes);
        await SendAsync(socket, 1, portBytes);

        using var podConnection = new TcpClient();
        try
        {
            await podConnection.ConnectAsync(pods.TryGetValue((ns, pod, port), out var target)
                ? target
                : new IPEndPoint(IPAddress.Loopback, 1));
        }
        catch (SocketException e)
        {
            // The kubelet's wording, sent on the port's error channel before it closes the stream.
            await SendAsync(socket, 1, Encoding.UTF8.GetBytes(
                $"an error occurred forwarding {port} -> {port}: error forwarding port {port} to pod {pod}: {e.Message}"));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            return;
        }

        var podStream = podConnection.GetStream();
        var toClient = Task.Run(async () =>
        {
            var buffer = new byte[16384];
            int read;
            while ((read = await podStream.ReadAsync(buffer)) > 0)
            {
                await SendAsync(socket, 0, buffer.AsMemory(0, read));
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        });

        var frame = new byte[16384];
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(frame, context.RequestAborted);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                break;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            // A frame's first byte is its channel; only the data channel of our one port carries bytes for the pod.
            if (result.Count > 1 && frame[0] == 0)
            {
                await podStream.WriteAsync(frame.AsMemory(1, result.Count - 1));
            }
        }

        podConnection.Close();
        await Task.WhenAny(toClient, Task.Delay(1000));
    }

    static readonly SemaphoreSlim SendGate = new(1, 1);

    static async Task SendAsync(WebSocket socket, byte channel, ReadOnlyMemory<byte> payload)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame.AsMemory(1));
        await SendGate.WaitAsync();
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            SendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in watches.Values)
        {
            channel.Writer.TryComplete();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
