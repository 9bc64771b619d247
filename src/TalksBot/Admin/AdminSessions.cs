using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TalksBot.Limits;

namespace TalksBot.Admin;

/// <summary>
/// Who is signed in: the effective token (configured, or made at start), sessions with their CSRF
/// token and expiry, and the sign-in attempts per address in the last minute. Sessions live in memory: a restart
/// signs everyone out, which is what an admin console should do.
/// </summary>
public sealed class AdminSessions(IOptions<AdminOptions> options, TimeProvider time)
{
    public sealed record Session(string Id, string Csrf, DateTime Expires);

    readonly ConcurrentDictionary<string, Session> sessions = new();
    readonly RecentEvents<string> attempts = new(time);

    /// <summary>The token in force: Admin:Token, or one made for this run.</summary>
    public string Token { get; } = string.IsNullOrWhiteSpace(options.Value.Token) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : options.Value.Token;

    public bool TokenIsGenerated => string.IsNullOrWhiteSpace(options.Value.Token);

    public enum SignIn { Ok, Wrong, TooMany }

    public (SignIn Result, Session? Session) TrySignIn(string? token, string address)
    {
        // Every attempt counts, before the token is compared: parallel guesses cannot slip past the limit.
        // A right one is then taken back: signing in is not a guess.
        if (attempts.Add(address) > options.Value.SignInAttemptsPerMinute) return (SignIn.TooMany, null);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token ?? ""), Encoding.UTF8.GetBytes(Token))) return (SignIn.Wrong, null);
        attempts.TakeBack(address);
        var session = new Session(Random(), Random(), time.GetUtcNow().UtcDateTime.AddMinutes(options.Value.SessionMinutes));
        sessions[session.Id] = session;
        return (SignIn.Ok, session);
    }

    public Session? Find(string? id)
    {
        if (id is null || !sessions.TryGetValue(id, out var session)) return null;
        if (session.Expires > time.GetUtcNow().UtcDateTime) return session;
        sessions.TryRemove(id, out _);
        return null;
    }

    public void SignOut(string id) => sessions.TryRemove(id, out _);

    static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
