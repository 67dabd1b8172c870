using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Todo.Api.Data;

namespace Todo.Api.Accounts;

/// <summary>
/// Answers "does this token's account still exist?" for every authenticated request. A valid signature alone is not
/// enough: with a configured AUTH_SIGNING_KEY a token outlives a wiped database. Positive answers are cached briefly.
/// </summary>
public sealed class AccountDirectory(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    public async Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(userId, out _))
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
        var exists = await db.Users.AnyAsync(u => u.Id == userId, cancellationToken);
        if (exists)
        {
            cache.Set(userId, true, Remember);
        }

        return exists;
    }
}
