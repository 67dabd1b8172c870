using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Todo.Api.Data;
using Todo.Api.Hosting;

namespace Todo.Api.Accounts;

/// <summary>
/// The one key every replica signs and validates tokens with: AUTH_SIGNING_KEY when configured, otherwise a random
/// key created once and kept in the database, so a token issued by one replica is valid on all of them.
/// </summary>
public sealed class SigningKeyring
{
    public const int MinimumKeyBytes = 32;
    private SymmetricSecurityKey? key;

    public SymmetricSecurityKey Key =>
        key ?? throw new InvalidOperationException("The token signing key is not loaded yet: the app loads it at startup.");

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<TodoSettings>();
        if (settings.AuthSigningKey is { } configured)
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException(
                    $"AUTH_SIGNING_KEY must be at least {MinimumKeyBytes} bytes; generate one with: openssl rand -base64 48");
            }

            key = new SymmetricSecurityKey(bytes);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
        var stored = await db.SigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == 1, cancellationToken);
        if (stored is null)
        {
            db.SigningKeys.Add(new SigningKey { Id = 1, KeyMaterial = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica inserted row 1 first: its key wins, and we use it too.
                db.ChangeTracker.Clear();
            }

            stored = await db.SigningKeys.AsNoTracking().SingleAsync(k => k.Id == 1, cancellationToken);
        }

        key = new SymmetricSecurityKey(Convert.FromBase64String(stored.KeyMaterial));
    }
}
