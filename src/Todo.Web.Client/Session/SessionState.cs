using Todo.Contracts;

namespace Todo.Web.Client.Session;

/// <summary>
/// Who is signed in, as far as the page knows. The truth lives in the HTTP-only cookie; this mirrors it so the UI
/// can decide what to show, and carries the reason when the user was sent back to the sign-in page.
/// </summary>
public sealed class SessionState
{
    public UserProfile? User { get; private set; }

    /// <summary>Why the user is looking at the sign-in page, e.g. "Your session has expired"; null when they just arrived.</summary>
    public string? SignedOutReason { get; private set; }

    public event Action? Changed;

    public void SignedIn(UserProfile user)
    {
        User = user;
        SignedOutReason = null;
        Changed?.Invoke();
    }

    public void SignedOut(string? reason = null)
    {
        User = null;
        SignedOutReason = reason;
        Changed?.Invoke();
    }
}
