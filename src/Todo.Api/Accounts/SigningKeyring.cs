using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Todo.Api.Data;
using Todo.Api.Hosting;

namespace Todo.Api.Accounts;

/// <summary>
/// The keys every replica signs and validates tokens with. AUTH_SIGNING_KEY signs; AUTH_PREVIOUS_SIGNING_KEYS only
/// validate, so a key can be rotated without signing anyone out (each token names its key by <c>kid</c>). Without
/// AUTH_SIGNING_KEY the backend refuses to start outside Development, because the fallback (a generated key kept in
/// the database) lets anyone who can read the database mint tokens; AUTH_ALLOW_DATABASE_SIGNING_KEY=true accepts
/// that risk explicitly.
/// </summary>
public sealed class SigningKeyring
{
    public const int MinimumKeyBytes = 32;
    private SymmetricSecurityKey? current;
    private IReadOnlyList<SecurityKey> all = [];

    public SymmetricSecurityKey Key =>
        current ?? throw new InvalidOperationException("The token signing key is not loaded yet: the app loads it at startup.");

    /// <summary>Every key a token may be signed with: the current one first, then the previous ones.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys => all;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<TodoSettings>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (settings.AuthSigningKey is { } configured)
        {
            current = FromText("AUTH_SIGNING_KEY", configured);
            all = [current, .. settings.PreviousSigningKeys.Select(k => FromText("AUTH_PREVIOUS_SIGNING_KEYS", k))];
            return;
        }

        if (!environment.IsDevelopment() && !settings.AllowDatabaseSigningKey)
        {
            throw new InvalidOperationException(
                "AUTH_SIGNING_KEY is not set. Outside Development the backend needs it (a key of 32+ bytes, e.g. from "
                + "`openssl rand -base64 48`, given through a Kubernetes Secret); set AUTH_ALLOW_DATABASE_SIGNING_KEY=true "
                + "to keep a generated key in the database instead, knowing that whoever reads the database can then sign tokens.");
        }

        current = WithId(new SymmetricSecurityKey(Convert.FromBase64String(await LoadStoredAsync(services, cancellationToken))));
        all = [current];
    }

    private static SymmetricSecurityKey FromText(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{name} must be at least {MinimumKeyBytes} bytes per key; generate one with: openssl rand -base64 48");
        }

        return WithId(new SymmetricSecurityKey(bytes));
    }

    /// <summary>The key id is a hash prefix of the key: stable across replicas and restarts, and reveals nothing usable.</summary>
    private static SymmetricSecurityKey WithId(SymmetricSecurityKey key)
    {
        key.KeyId = Convert.ToHexStringLower(SHA256.HashData(key.Key))[..16];
        return key;
    }

    /// <summary>
    /// Row 1 of <c>signing_keys</c>, inserted with a new random key if there is none. Replicas starting together race
    /// for the insert; the database keeps the first and every replica reads that one. Plain SQL (the same on SQLite and
    /// PostgreSQL) rather than a LINQ query, because this is the only query a start makes before it serves: EF Core's
    /// first LINQ query compiles its query pipeline, about a quarter of a second of CPU on a cold start, which the first
    /// request that reads the database pays anyway.
    /// </summary>
    private static async Task<string> LoadStoredAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TodoDbContext>().Database;
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        await database.ExecuteSqlAsync(
            $"""INSERT INTO signing_keys ("Id", "KeyMaterial") VALUES (1, {generated}) ON CONFLICT ("Id") DO NOTHING""", cancellationToken);

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var query = database.GetDbConnection().CreateCommand();
            query.CommandText = """SELECT "KeyMaterial" FROM signing_keys WHERE "Id" = 1""";
            return (string)(await query.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
