using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Todo.Api.Data;
using Todo.Api.Hosting;
using Todo.Contracts;

namespace Todo.Api.Accounts;

public static class AccountEndpoints
{
    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations for new hashes: OWASP's Password Storage Cheat Sheet floor for that PRF. Hashes
    /// made with fewer (100,000 before) are upgraded at the user's next sign-in.
    /// </summary>
    public const int PasswordHashIterations = 210_000;

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyring>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<SignInThrottle>();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = PasswordHashIterations);
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<UnknownAccountPassword>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.WithoutDataProtectionPreload();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyring>((options, keyring) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                // The token's kid picks the key; a token without a known kid is tried against every key we hold.
                IssuerSigningKeyResolver = (_, _, kid, _) =>
                    keyring.ValidationKeys.Where(k => k.KeyId == kid) is var named && named.Any() ? named : keyring.ValidationKeys,
                NameClaimType = "name",
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            options.Events = new JwtBearerEvents
            {
                // A valid signature is not enough: the session must still exist (not signed out, password not
                // changed since, account not deleted — sessions cascade with their user).
                OnTokenValidated = async context =>
                {
                    var principal = context.Principal!;
                    var db = context.HttpContext.RequestServices.GetRequiredService<TodoDbContext>();
                    var sessionId = principal.GetSessionId();
                    if (sessionId == Guid.Empty
                        || !await Sessions.IsActiveAsync(db, principal.GetUserId(), sessionId, context.HttpContext.RequestAborted))
                    {
                        context.Fail("The session this token belongs to has ended (signed out, password changed or account removed).");
                    }
                },
            };
        });
        services.AddAuthorization();
        return services;
    }

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Accounts");

        var anonymous = group.MapGroup("").RequireRateLimiting(RateLimits.Auth);
        anonymous.MapPost("/signup", SignUpAsync).WithName("SignUp").AllowAnonymous();
        anonymous.MapPost("/signin", SignInAsync).WithName("SignIn").AllowAnonymous();

        var signedIn = group.MapGroup("").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser);
        signedIn.MapGet("/me", MeAsync).WithName("Me");
        signedIn.MapPost("/signout", SignOutAsync).WithName("SignOut");
        signedIn.MapPost("/refresh", RefreshAsync).WithName("Refresh");
        signedIn.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword");
        return group;
    }

    private static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, HttpContext http, TodoDbContext db, IPasswordHasher<UserAccount> hasher, Sessions sessions,
        SignInThrottle throttle, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var email = request.Email.Trim();
        var normalized = email.ToUpperInvariant();
        if (throttle.RetryAfter(normalized) is { } wait)
        {
            return TooManyFailures(http, wait);
        }

        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? DefaultDisplayName(email) : request.DisplayName.Trim(),
            CreatedAt = time.GetStoredNow(),
        };
        // Hashed before the lookup, so "taken" costs as long as "created" and timing does not tell them apart.
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            // Probing which emails are registered counts against that email like a wrong password.
            throttle.RecordFailure(normalized);
            return EmailTaken();
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups with one email raced; the unique index let exactly one through. Any other failure is not a
            // taken email and must not be reported as one.
            if (await EmailExistsAsync(db, normalized, cancellationToken))
            {
                return EmailTaken();
            }

            throw;
        }

        return TypedResults.Ok(await sessions.StartAsync(db, user, cancellationToken));
    }

    private static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext http, TodoDbContext db, IPasswordHasher<UserAccount> hasher, Sessions sessions,
        SignInThrottle throttle, UnknownAccountPassword unknownAccount, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || TextRules.HasControlCharacters(request.Email))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = ["Email and password are required."],
            });
        }

        var normalized = request.Email.Trim().ToUpperInvariant();
        if (throttle.RetryAfter(normalized) is { } wait)
        {
            return TooManyFailures(http, wait);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        // An unknown email costs one hash verification too, so the answer's timing does not reveal who is registered.
        var verdict = user is null
            ? unknownAccount.Verify(request.Password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(normalized);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The email or password is incorrect.");
        }

        throttle.Reset(normalized);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await sessions.StartAsync(db, user, cancellationToken));
    }

    private static async Task<NoContent> SignOutAsync(ClaimsPrincipal principal, TodoDbContext db, CancellationToken cancellationToken)
    {
        await Sessions.RevokeAsync(db, principal.GetUserId(), principal.GetSessionId(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> RefreshAsync(
        ClaimsPrincipal principal, TodoDbContext db, Sessions sessions, CancellationToken cancellationToken) =>
        await sessions.RenewAsync(db, principal.GetUserId(), principal.GetSessionId(), cancellationToken) is { } renewed
            ? TypedResults.Ok(renewed)
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Session ended",
                detail: "This session has ended; sign in again.");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext http, TodoDbContext db,
        IPasswordHasher<UserAccount> hasher, SignInThrottle throttle, CancellationToken cancellationToken)
    {
        if (request.NewPassword is null || request.NewPassword.Length is < AccountValidation.PasswordMinLength or > AccountValidation.PasswordMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["newPassword"] = [$"The password must be {AccountValidation.PasswordMinLength} to {AccountValidation.PasswordMaxLength} characters long."],
            });
        }

        var userId = principal.GetUserId();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Account not found");
        }

        // A stolen session must not become a way to guess the password without limit.
        if (throttle.RetryAfter(user.NormalizedEmail) is { } wait)
        {
            return TooManyFailures(http, wait);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(user.NormalizedEmail);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["currentPassword"] = ["The current password is incorrect."],
            });
        }

        user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
        await db.SaveChangesAsync(cancellationToken);
        // Whoever else holds a session (a stolen cookie, a forgotten device) is signed out; this one stays.
        await Sessions.RevokeAllButAsync(db, userId, principal.GetSessionId(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal principal, TodoDbContext db, CancellationToken cancellationToken)
    {
        var id = principal.GetUserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found",
                detail: "The account this token was issued for no longer exists.")
            : TypedResults.Ok(user.ToProfile());
    }

    private static async Task<bool> EmailExistsAsync(TodoDbContext db, string normalized, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    /// <summary>The email's local part, cut to the display name's limit (a local part may be longer).</summary>
    private static string DefaultDisplayName(string email)
    {
        var local = email.Split('@')[0];
        return local.Length > AccountValidation.DisplayNameMaxLength ? local[..AccountValidation.DisplayNameMaxLength] : local;
    }

    private static ProblemHttpResult TooManyFailures(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed attempts",
            detail: $"Too many failed attempts for this account; try again in {seconds} seconds.");
    }

    private static ProblemHttpResult EmailTaken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already registered",
            detail: "An account with this email already exists; sign in instead.");
}

/// <summary>
/// A hash of a random password no one knows, verified when the email is unknown, so sign-in spends the same PBKDF2
/// work whether or not the account exists.
/// </summary>
public sealed class UnknownAccountPassword(IPasswordHasher<UserAccount> hasher)
{
    private static readonly UserAccount Nobody = new() { Email = "", NormalizedEmail = "", DisplayName = "" };
    private readonly Lazy<string> hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public PasswordVerificationResult Verify(string password)
    {
        hasher.VerifyHashedPassword(Nobody, hash.Value, password);
        return PasswordVerificationResult.Failed;
    }
}

public static class AccountValidation
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int DisplayNameMaxLength = 100;

    public static Dictionary<string, string[]> Validate(SignUpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim() ?? "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length is 0 or > 254 || at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1
            || email.Any(char.IsWhiteSpace) || TextRules.HasControlCharacters(email))
        {
            errors["email"] = ["Enter a valid email address."];
        }

        if (request.Password is null || request.Password.Length < PasswordMinLength || request.Password.Length > PasswordMaxLength)
        {
            errors["password"] = [$"The password must be {PasswordMinLength} to {PasswordMaxLength} characters long."];
        }

        if (request.DisplayName?.Trim() is { Length: > DisplayNameMaxLength })
        {
            errors["displayName"] = [$"The display name must be at most {DisplayNameMaxLength} characters."];
        }
        else if (TextRules.HasControlCharacters(request.DisplayName))
        {
            errors["displayName"] = ["The display name must be one line of text, without control characters such as NUL."];
        }

        return errors;
    }
}
