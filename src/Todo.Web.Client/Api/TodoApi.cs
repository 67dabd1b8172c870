using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Todo.Contracts;

namespace Todo.Web.Client.Api;

/// <summary>
/// The browser's view of the server: the host's sign-in endpoints and the forwarded API. The session rides in an
/// HTTP-only cookie the browser sends by itself, so nothing here holds a token. Every failure becomes an
/// <see cref="ApiFailureException"/> whose message can be shown as is.
/// </summary>
public sealed class TodoApi(HttpClient http)
{
    private static readonly TodoJsonContext Json = TodoJsonContext.Default;

    public Task<UserProfile> SignUpAsync(SignUpRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, BffRoutes.SignUp, request, Json.SignUpRequest, Json.UserProfile, ct, signingIn: true);

    public Task<UserProfile> SignInAsync(SignInRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, BffRoutes.SignIn, request, Json.SignInRequest, Json.UserProfile, ct, signingIn: true);

    public async Task SignOutAsync(CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, BffRoutes.SignOut);
        using var response = await TransmitAsync(message, signingIn: true, ct);
    }

    public Task<UserProfile> GetMeAsync(CancellationToken ct = default) =>
        GetAsync(ApiRoutes.Me, Json.UserProfile, ct);

    public Task<List<TaskItem>> GetTasksAsync(TaskStatusFilter filter, CancellationToken ct = default) =>
        GetAsync($"{ApiRoutes.Tasks}?status={filter.ToString().ToLowerInvariant()}", Json.ListTaskItem, ct);

    public Task<TaskItem> CreateTaskAsync(CreateTaskRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Tasks, request, Json.CreateTaskRequest, Json.TaskItem, ct);

    public Task<TaskItem> UpdateTaskAsync(int id, UpdateTaskRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, ApiRoutes.Task(id), request, Json.UpdateTaskRequest, Json.TaskItem, ct);

    public async Task DeleteTaskAsync(int id, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, ApiRoutes.Task(id));
        using var response = await TransmitAsync(message, signingIn: false, ct);
    }

    public Task<ChatResponse> ChatAsync(ChatRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Chat, request, Json.ChatRequest, Json.ChatResponse, ct);

    public Task<List<ConversationSummary>> GetConversationsAsync(CancellationToken ct = default) =>
        GetAsync(ApiRoutes.Conversations, Json.ListConversationSummary, ct);

    public Task<List<ConversationMessage>> GetMessagesAsync(Guid conversationId, CancellationToken ct = default) =>
        GetAsync(ApiRoutes.ConversationMessages(conversationId), Json.ListConversationMessage, ct);

    private async Task<TResponse> GetAsync<TResponse>(string uri, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await TransmitAsync(message, signingIn: false, ct);
        return await ReadAsync(response, responseType, ct);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string uri,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct,
        bool signingIn = false)
    {
        using var message = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, requestType) };
        using var response = await TransmitAsync(message, signingIn, ct);
        return await ReadAsync(response, responseType, ct);
    }

    private async Task<HttpResponseMessage> TransmitAsync(HttpRequestMessage message, bool signingIn, CancellationToken ct)
    {
        message.Headers.Add(BffRoutes.CsrfHeader, BffRoutes.CsrfHeaderValue);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, ct);
        }
        catch (HttpRequestException e)
        {
            throw new BackendUnavailableException(e);
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            // A 401 while signing in means wrong credentials, which the backend explains; anywhere else it means
            // the session cookie is gone or its token expired.
            if (response.StatusCode == HttpStatusCode.Unauthorized && !signingIn)
                throw new SessionExpiredException();
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                throw new BackendUnavailableException();
            var problem = await ReadProblemAsync(response, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && string.IsNullOrWhiteSpace(problem.Detail))
                problem = problem with { Detail = "That email and password don't match an account." };
            throw new RequestRefusedException(problem);
        }
    }

    private static async Task<TResponse> ReadAsync<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> type, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, ct)
                ?? throw new BackendUnavailableException();
        }
        catch (JsonException e)
        {
            // Not our API answering (a proxy error page, a half-deployed backend): treat as unavailable.
            throw new BackendUnavailableException(e);
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var fallback = new ApiProblem(response.ReasonPhrase, null, (int)response.StatusCode, null);
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(ProblemJsonContext.Default.ApiProblem, ct);
            return problem ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
