using System.Data.Common;
using Microsoft.Extensions.Hosting;
using TalksBot.Index;
using TalksBot.Observability;

namespace TalksBot.Semantic;

/// <summary>
/// In `serve`, embeds the sentences of each new snapshot in the background when something reads the
/// vectors, so that questions find them ready and a first build's embedding (minutes at thousands of
/// articles) holds up neither start nor answers.
/// </summary>
public sealed class SentenceWarmer(KnowledgeBase knowledge, SentenceVectors vectors, Faults faults) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    // Small model calls: a question's embedding waits behind one at most (about 0.1 s), not behind a batch of 32.
    const int Batch = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!vectors.Wanted) return;
        var warmed = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var generation = knowledge.Generation;
                if (generation != warmed)
                {
                    // Read after the generation: a newer snapshot taken in between is warmed now and looked at again (for nothing) next time.
                    var snapshot = await knowledge.GetAsync(stoppingToken);
                    await vectors.WarmAsync(snapshot, batch: Batch, cancellationToken: stoppingToken);
                    warmed = generation;
                }
                await Task.Delay(CheckEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or DbException)
            {
                faults.Report("sentence vectors", e);
                await Task.Delay(CheckEvery, stoppingToken);
            }
        }
    }
}
