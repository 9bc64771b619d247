namespace TalksBot.Index;

/// <summary>How far a reindex is: <paramref name="Done"/> of <paramref name="Total"/> files in <paramref name="Phase"/>.</summary>
public sealed record IndexProgress(string Phase, int Done, int Total, string? File = null);
