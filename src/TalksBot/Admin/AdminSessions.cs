using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TalksBot.Limits;

namespace TalksBot.Admin;

/// <summary>
/// Who is signed in: the effective token (configured, or made at start), sessions with their CSRF
/// token and expiry (kept by the <see cref="ISessionStore"/>), and the sign-in attempts per address in the last minute.
/// </summary>
public sealed class AdminSessions(IOptions<AdminOptions> options, ISessionStore sessions, IRecentEvents attempts, TimeProvider time)
{
    public sealed record Session(string Id, string Csrf, DateTime Expires);

    /// <summary>The token in force: Admin:Token, or one made for this run.</summary>
    public string Token { get; } = string.IsNullOrWhiteSpace(options.Value.Token) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : options.Value.Token;

    public bool TokenIsGenerated => string.IsNullOrWhiteSpace(options.Value.Token);

    public enum SignIn { Ok, Wrong, TooMany }

    public async Task<(SignIn Result, Session? Session)> TrySignInAsync(string? token, string address, CancellationToken cancellationToken = default)
    {
        var key = $"signin:{address}";
        // Every attempt counts, before the token is compared: parallel guesses cannot slip past the limit.
        // A right one is then taken back: signing in is not a guess.
        if (await attempts.AddAsync(key, cancellationToken) > options.Value.SignInAttemptsPerMinute) return (SignIn.TooMany, null);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token ?? ""), Encoding.UTF8.GetBytes(Token))) return (SignIn.Wrong, null);
        await attempts.TakeBackAsync(key, cancellationToken);
        var session = new Session(Random(), Random(), time.GetUtcNow().UtcDateTime.AddMinutes(options.Value.SessionMinutes));
        await sessions.AddAsync(session, cancellationToken);
        return (SignIn.Ok, session);
    }

    public async Task<Session?> FindAsync(string? id, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(id) ? null : await sessions.FindAsync(id, cancellationToken);

    public Task SignOutAsync(string id, CancellationToken cancellationToken = default) => sessions.RemoveAsync(id, cancellationToken);

    static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
