namespace Todo.Contracts;

/// <summary>The HTTP surface of the backend, named once so the client, the host and the smoke suite agree.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api";

    public const string SignUp = "/api/auth/signup";
    public const string SignIn = "/api/auth/signin";
    public const string Me = "/api/auth/me";
    /// <summary>Revokes the session the request's token belongs to.</summary>
    public const string SignOut = "/api/auth/signout";
    /// <summary>Changes the password and revokes every other session of the account.</summary>
    public const string Password = "/api/auth/password";
    /// <summary>Extends the request's session and answers a fresh token for it (sliding renewal).</summary>
    public const string Refresh = "/api/auth/refresh";

    public const string Tasks = "/api/tasks";
    public static string Task(int id) => $"/api/tasks/{id}";

    public const string Chat = "/api/chat";
    public const string Conversations = "/api/conversations";
    public static string ConversationMessages(Guid id) => $"/api/conversations/{id}/messages";

    public const string Mcp = "/mcp";

    public const string HealthLive = "/health/live";
    public const string HealthReady = "/health/ready";
}
