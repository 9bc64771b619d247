using Npgsql;

namespace TalksBot.Storage;

/// <summary>One statement with positional parameters ($1, $2, …), the shape every PostgreSQL store uses.</summary>
public static class NpgsqlConnectionExtensions
{
    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T?> ScalarAsync<T>(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
