using Microsoft.EntityFrameworkCore;
using Todo.Api.Data;
using Todo.Api.Hosting;
using Todo.Contracts;

namespace Todo.Api.Accounts;

/// <summary>
/// Server-side sessions behind the stateless tokens. Every replica asks the database on every request whether the
/// token's session still exists (one primary-key lookup), so sign-out and a password change take effect everywhere
/// at once; there is deliberately no cache that would let a revoked token live on in another replica.
/// </summary>
public sealed class Sessions(TokenIssuer tokens, TodoSettings settings, TimeProvider time)
{
    public async Task<AuthResponse> StartAsync(TodoDbContext db, UserAccount user, CancellationToken cancellationToken)
    {
        var now = time.GetStoredNow();
        // Expired sessions are dead weight: prune this user's while we are here.
        await db.Sessions.Where(s => s.UserId == user.Id && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var session = new UserSession { Id = Guid.CreateVersion7(), UserId = user.Id, CreatedAt = now, ExpiresAt = now + settings.TokenLifetime };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return tokens.Issue(user, session.Id, session.ExpiresAt);
    }

    /// <summary>Sliding renewal: the same session, a later expiry, a fresh token.</summary>
    public async Task<AuthResponse?> RenewAsync(TodoDbContext db, Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (session is null || user is null)
        {
            return null;
        }

        session.ExpiresAt = time.GetStoredNow() + settings.TokenLifetime;
        await db.SaveChangesAsync(cancellationToken);
        return tokens.Issue(user, session.Id, session.ExpiresAt);
    }

    public static Task<bool> IsActiveAsync(TodoDbContext db, Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);

    public static Task RevokeAsync(TodoDbContext db, Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    public static Task RevokeAllButAsync(TodoDbContext db, Guid userId, Guid keep, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
}
