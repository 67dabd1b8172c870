using System.Net.Http.Json;
using Engine;
using Todo.Contracts;

namespace Images;

/// <summary>A throwaway account on a running backend (ImageStartup's load user, the Resilience scenarios' users): signed
/// up through the API with a random password; password and token are marked secret, so neither reaches a log line.</summary>
public static class TrialAccount
{
    public sealed record Credentials(string Email, string Password, string Token);

    /// <exception cref="TargetFailedException">The backend refused the sign-up or answered without a token.</exception>
    public static async Task<Credentials> SignUpAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var password = $"Tr1al!{Guid.NewGuid():N}";
        Log.AddSecret(password);
        using var response = await client.PostAsJsonAsync(ApiRoutes.SignUp, new SignUpRequest(email, password, name),
            TodoJsonContext.Default.SignUpRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new TargetFailedException(
                $"Signing up user {name} at {client.BaseAddress} answered {(int)response.StatusCode}: "
                    + $"{await response.Content.ReadAsStringAsync(cancellationToken)}");
        var auth = await response.Content.ReadFromJsonAsync(TodoJsonContext.Default.AuthResponse, cancellationToken);
        if (auth is null || string.IsNullOrEmpty(auth.AccessToken))
            throw new TargetFailedException($"Signing up user {name} at {client.BaseAddress} answered {(int)response.StatusCode} without an access token");
        Log.AddSecret(auth.AccessToken);
        return new(email, password, auth.AccessToken);
    }
}
