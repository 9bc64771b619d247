using System.Collections.Concurrent;

namespace TalksBot.Admin;

/// <summary>Sessions in memory: a restart signs everyone out, which is what a one-machine console should do.</summary>
public sealed class MemorySessionStore(TimeProvider time) : ISessionStore
{
    readonly ConcurrentDictionary<string, AdminSessions.Session> sessions = new();

    public Task AddAsync(AdminSessions.Session session, CancellationToken cancellationToken = default)
    {
        sessions[session.Id] = session;
        return Task.CompletedTask;
    }

    public Task<AdminSessions.Session?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!sessions.TryGetValue(id, out var session)) return Task.FromResult<AdminSessions.Session?>(null);
        if (session.Expires > time.GetUtcNow().UtcDateTime) return Task.FromResult<AdminSessions.Session?>(session);
        sessions.TryRemove(id, out _);
        return Task.FromResult<AdminSessions.Session?>(null);
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        sessions.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
