using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TalksBot.Bench;

/// <summary>
/// A real PostgreSQL server from Debian's package, in a data folder of its own under /tmp, on a free
/// loopback port, for the tests and the replicas benchmark. PostgreSQL refuses to run as root, so
/// under root it runs as the package's postgres user (or nobody). fsync is off: the data is thrown away.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    readonly string bin;
    readonly string dataDir;
    readonly int? uid;

    PostgresServer(string bin, string dataDir, int port, int? uid)
    {
        this.bin = bin;
        this.dataDir = dataDir;
        this.uid = uid;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: these tests need Debian's postgresql package (apt-get install postgresql; .ci/run installs it).");
        var uid = Environment.UserName == "root" ? (UserId("postgres") ?? 65534) : (int?)null;
        var dataDir = Path.Combine(Path.GetTempPath(), $"talksbot-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (uid is not null) await RunAsync("chown", [$"{uid}:{uid}", dataDir], null);
        var server = new PostgresServer(bin, dataDir, FreePort(), uid);
        await server.RunPgAsync("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await server.RunPgAsync("pg_ctl", ["-D", dataDir, "-l", Path.Combine(dataDir, "log"), "-w", "-t", "60", "-o",
            $"-p {server.Port} -h 127.0.0.1 -k {dataDir} -F -c max_connections=300 -c full_page_writes=off", "start"]);
        return server;
    }

    /// <summary>A new empty database, for one test or one run; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await RunPgAsync("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]); }
        catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(dataDir, recursive: true); }
        catch (IOException) { }
    }

    Task RunPgAsync(string program, string[] args) => RunAsync(Path.Combine(bin, program), args, uid);

    static async Task RunAsync(string program, string[] args, int? uid)
    {
        var start = new ProcessStartInfo(uid is null ? program : "setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (uid is not null) foreach (var a in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", program }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
    }

    static string? FindBin() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
        .Select(d => Path.Combine(d, "bin"))
        .Where(d => File.Exists(Path.Combine(d, "initdb")))
        .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
        .FirstOrDefault();

    static int? UserId(string name) =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f[0] == name) is { } fields ? int.Parse(fields[2]) : null;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
