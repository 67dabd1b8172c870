namespace Todo.Contracts;

public sealed record SignUpRequest(string Email, string Password, string? DisplayName = null);

public sealed record SignInRequest(string Email, string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record UserProfile(Guid Id, string Email, string DisplayName);

/// <summary>A bearer token any backend replica accepts until <see cref="ExpiresAt"/> or until its session is revoked.</summary>
public sealed record AuthResponse(string AccessToken, DateTimeOffset ExpiresAt, UserProfile User);
