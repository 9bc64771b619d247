using TalksBot.Storage;

namespace TalksBot.Admin;

/// <summary>Sessions in PostgreSQL: signed in on one replica, signed in on all. Only a hash of the session id is stored, so the table holds nothing a reader could sign in with.</summary>
public sealed class PostgresSessionStore(PostgresDatabase database) : ISessionStore
{
    public async Task AddAsync(AdminSessions.Session session, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM admin_sessions WHERE expires < now()", cancellationToken);
        await connection.ExecuteAsync("INSERT INTO admin_sessions (id_hash, csrf, expires) VALUES ($1, $2, $3)", cancellationToken,
            Hash(session.Id), session.Csrf, session.Expires);
    }

    public async Task<AdminSessions.Session?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT csrf, expires FROM admin_sessions WHERE id_hash = $1 AND expires > now()", Hash(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AdminSessions.Session(id, reader.GetString(0), reader.GetDateTime(1)) : null;
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM admin_sessions WHERE id_hash = $1", cancellationToken, Hash(id));
    }

    static string Hash(string id) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
}
