using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Todo.Api.Data;
using Todo.Contracts;

namespace Todo.Api.Accounts;

public sealed class TokenIssuer(SigningKeyring keyring, TimeProvider time)
{
    /// <summary>The claim naming the server-side session a token belongs to (see <see cref="Sessions"/>).</summary>
    public const string SessionClaim = "sid";

    public const string Issuer = "todo-api";
    public const string Audience = "todo-app";

    private static readonly JsonWebTokenHandler Handler = new();

    public AuthResponse Issue(UserAccount user, Guid sessionId, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
                new Claim(JwtRegisteredClaimNames.Name, user.DisplayName),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)),
                new Claim(SessionClaim, sessionId.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(keyring.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AuthResponse(token, expiresAt, user.ToProfile());
    }
}

public static class UserClaims
{
    /// <summary>The signed-in user's id; only called behind RequireAuthorization, where the claim is guaranteed.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? id
            : throw new InvalidOperationException("The request is not authenticated with a Todo token.");

    public static Guid GetSessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TokenIssuer.SessionClaim), out var id) ? id : Guid.Empty;

    public static UserProfile ToProfile(this UserAccount user) => new(user.Id, user.Email, user.DisplayName);
}

/// <summary>The user the current HTTP request acts for; how the chat and MCP tools know whose tasks they touch.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public Guid Id => (accessor.HttpContext?.User ?? throw new InvalidOperationException("No HTTP request in scope.")).GetUserId();
}
