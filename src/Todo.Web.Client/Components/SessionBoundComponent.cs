using Microsoft.AspNetCore.Components;
using Todo.Web.Client.Api;
using Todo.Web.Client.Session;

namespace Todo.Web.Client.Components;

/// <summary>
/// A component that calls the API on behalf of the signed-in user. One place decides what a failure means:
/// an expired session sends the whole app back to sign-in; anything else is the component's to show.
/// </summary>
public abstract class SessionBoundComponent : ComponentBase
{
    [Inject] protected TodoApi Api { get; set; } = default!;

    [Inject] protected SessionState Session { get; set; } = default!;

    /// <summary>Runs <paramref name="work"/>; returns the message to show when it failed, or null when it worked.</summary>
    protected async Task<string?> AttemptAsync(Func<Task> work)
    {
        try
        {
            await work();
            return null;
        }
        catch (SessionExpiredException expired)
        {
            Session.SignedOut(expired.Message);
            return expired.Message;
        }
        catch (ApiFailureException failure)
        {
            return failure.Message;
        }
    }
}
