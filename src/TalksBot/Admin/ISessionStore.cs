namespace TalksBot.Admin;

/// <summary>Signed-in admin sessions: in this process's memory (a restart signs everyone out), or in PostgreSQL, seen by every replica.</summary>
public interface ISessionStore
{
    Task AddAsync(AdminSessions.Session session, CancellationToken cancellationToken = default);

    /// <summary>The session, while it has not expired.</summary>
    Task<AdminSessions.Session?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task RemoveAsync(string id, CancellationToken cancellationToken = default);
}
