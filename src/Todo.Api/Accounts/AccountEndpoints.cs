using System.Security.Claims;
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
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyring>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddSingleton<AccountDirectory>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyring>((options, keyring) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                IssuerSigningKeyResolver = (_, _, _, _) => [keyring.Key],
                NameClaimType = "name",
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountDirectory>();
                    if (!await accounts.ExistsAsync(context.Principal!.GetUserId(), context.HttpContext.RequestAborted))
                    {
                        context.Fail("The account this token was issued for no longer exists.");
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

        group.MapGet("/me", MeAsync).WithName("Me").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser);
        return group;
    }

    private static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, TodoDbContext db, IPasswordHasher<UserAccount> hasher, TokenIssuer tokens, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = AccountValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var email = request.Email.Trim();
        var normalized = email.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return EmailTaken();
        }

        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? DefaultDisplayName(email) : request.DisplayName.Trim(),
            CreatedAt = time.GetStoredNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password);
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

        return TypedResults.Ok(tokens.Issue(user));
    }

    private static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, TodoDbContext db, IPasswordHasher<UserAccount> hasher, TokenIssuer tokens,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || TextRules.HasControlCharacters(request.Email))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = ["Email and password are required."],
            });
        }

        var normalized = request.Email.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        var verdict = user is null ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The email or password is incorrect.");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(tokens.Issue(user));
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

    private static ProblemHttpResult EmailTaken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already registered",
            detail: "An account with this email already exists; sign in instead.");
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
