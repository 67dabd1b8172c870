using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Todo.Api.Data;
using Todo.Api.Tests.Infrastructure;
using Todo.Contracts;
using Xunit.Abstractions;

namespace Todo.Api.Tests;

/// <summary>Issue 17, findings 4 and 7: how passwords are stored, and what sign-in's timing gives away.</summary>
[Collection(SharedSqliteApp.Name)]
public sealed class PasswordStorageTests(SqliteApi app, ITestOutputHelper output)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task New_passwords_are_hashed_with_PBKDF2_HMAC_SHA512_at_no_fewer_than_210000_iterations()
    {
        var (_, auth) = await app.Factory.SignUpAsync("hash");

        var (prf, iterations) = await StoredHashParametersAsync(auth.User.Id);

        prf.ShouldBe(2u, "KeyDerivationPrf.HMACSHA512");
        iterations.ShouldBeGreaterThanOrEqualTo(210_000u);
    }

    [Fact]
    public async Task A_hash_made_with_the_old_100000_iterations_is_upgraded_at_the_next_sign_in()
    {
        var (_, auth) = await app.Factory.SignUpAsync("legacy");
        var legacy = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == auth.User.Id);
            user.PasswordHash = legacy.HashPassword(user, Password);
            await db.SaveChangesAsync();
        }

        (await StoredHashParametersAsync(auth.User.Id)).Iterations.ShouldBe(100_000u);
        using var client = app.Factory.CreateClient();
        (await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, Password))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await StoredHashParametersAsync(auth.User.Id)).Iterations.ShouldBeGreaterThanOrEqualTo(210_000u);
    }

    /// <summary>
    /// A figure, not a verdict: wall time on a shared 2-core machine is too noisy to assert on, so the medians are
    /// printed (docs/security.md quotes them) and only the ratio is checked, loosely, against the 10x the review found.
    /// </summary>
    [Fact]
    public async Task Sign_in_takes_about_as_long_for_an_unknown_email_as_for_a_known_one()
    {
        var (_, auth) = await app.Factory.SignUpAsync("timing");
        using var client = app.Factory.CreateClient();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        await TimeSignInAsync(client, auth.User.Email);

        var known = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await TimeSignInAsync(client, auth.User.Email));
            missing.Add(await TimeSignInAsync(client, unknown));
        }

        var knownMedian = known.Order().ElementAt(known.Count / 2);
        var missingMedian = missing.Order().ElementAt(missing.Count / 2);
        output.WriteLine($"sign-in with a wrong password, median of 7: known email {knownMedian:F1} ms, unknown email {missingMedian:F1} ms");
        (missingMedian / knownMedian).ShouldBeGreaterThan(0.5, $"known {knownMedian:F1} ms, unknown {missingMedian:F1} ms");
    }

    /// <summary>
    /// What the timing test measures, checked without a clock: a sign-in with an unknown email verifies one password
    /// against a hash made like a stored one (same PRF, same iteration count), exactly as a registered email with a wrong
    /// password does, so both cost the same PBKDF2 work whatever the machine's load.
    /// </summary>
    [Fact]
    public async Task Sign_in_with_an_unknown_email_verifies_one_password_against_a_hash_as_costly_as_a_stored_one()
    {
        var verified = new ConcurrentQueue<string>();
        await using var recording = app.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<UserAccount>>(sp =>
                new RecordingHasher(new PasswordHasher<UserAccount>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), verified))));
        var (_, auth) = await TodoApiFactory.SignUpAsync(recording.CreateClient(), "verified");
        using var client = recording.CreateClient();

        using var known = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(auth.User.Email, "wrong password"));
        using var unknown = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest($"nobody-{Guid.NewGuid():N}@example.com", "wrong password"));

        (known.StatusCode, unknown.StatusCode).ShouldBe((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        var hashes = verified.ToList();
        hashes.Count.ShouldBe(2, "one verification per sign-in");
        HashParameters(hashes[1]).ShouldBe(HashParameters(hashes[0]));
        HashParameters(hashes[1]).Iterations.ShouldBeGreaterThanOrEqualTo(210_000u);
    }

    private static async Task<double> TimeSignInAsync(HttpClient client, string email)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, "wrong password"));
        clock.Stop();
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>ASP.NET Core Identity's v3 format: 0x01, then PRF, iteration count and salt length as big-endian uint32.</summary>
    private async Task<(uint Prf, uint Iterations)> StoredHashParametersAsync(Guid userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TodoDbContext>();
        return HashParameters((await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).PasswordHash);
    }

    private static (uint Prf, uint Iterations) HashParameters(string stored)
    {
        var hash = Convert.FromBase64String(stored);
        hash[0].ShouldBe((byte)0x01);
        return (BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
    }

    /// <summary>The app's hasher, noting every hash a password is verified against.</summary>
    private sealed class RecordingHasher(IPasswordHasher<UserAccount> inner, ConcurrentQueue<string> verified) : IPasswordHasher<UserAccount>
    {
        public string HashPassword(UserAccount user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword)
        {
            verified.Enqueue(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
