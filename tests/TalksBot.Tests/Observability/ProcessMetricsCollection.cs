namespace TalksBot.Tests.Observability;

/// <summary>
/// Tests that read a gauge without labels from /metrics run alone: OpenTelemetry listens to every meter of the
/// process by its name, so another test's host, running beside, would show its own figure under the same name.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "Process-wide metrics";
}
