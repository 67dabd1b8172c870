namespace Todo.Web.Client.Api;

/// <summary>A call to the API failed in a way the UI explains to the user. The message is written for people.</summary>
public abstract class ApiFailureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The session cookie is missing or the backend no longer accepts its token: the user must sign in again.</summary>
public sealed class SessionExpiredException() : ApiFailureException("Your session has expired. Please sign in again.");

/// <summary>The frontend host could not reach the backend, or the browser could not reach the host.</summary>
public sealed class BackendUnavailableException(Exception? inner = null)
    : ApiFailureException("The server can't be reached right now. Check your connection and try again in a moment.", inner);

/// <summary>The backend refused the request (validation, not found, conflict) and said why.</summary>
public sealed class RequestRefusedException(ApiProblem problem) : ApiFailureException(problem.Describe())
{
    public ApiProblem Problem { get; } = problem;
}
