using TalksBot.Extractive;

namespace TalksBot.Train;

/// <summary>One candidate sentence as a training row: its features, whether it answers, and how much its question counts.</summary>
public sealed record Row(float[] Features, bool Answers, double Weight);

/// <summary>How the trees are grown.</summary>
public sealed record BoostingOptions(int Trees = 150, int Depth = 3, double Shrinkage = 0.1, double MinLeafWeight = 20, double L2 = 1, int Bins = 32);

/// <summary>
/// Gradient-boosted regression trees for log-loss (Newton steps in the leaves), split on quantile bins of each
/// feature: plain arithmetic in a fixed order, so the same rows always give the same model.
/// </summary>
public static class Boosting
{
    public static GateModel Fit(IReadOnlyList<Row> rows, bool[] use, BoostingOptions o, float threshold = 0.5f)
    {
        var n = rows.Count;
        var splits = Enumerable.Range(0, use.Length).Select(j => use[j] ? Quantiles(rows.Select(r => r.Features[j]), o.Bins) : []).ToArray();
        // Each row's bin in each feature: bin b means value >= splits[b-1] and < splits[b].
        var bins = rows.Select(r => Enumerable.Range(0, use.Length).Select(j => Bin(splits[j], r.Features[j])).ToArray()).ToArray();
        var positive = rows.Sum(r => r.Answers ? r.Weight : 0) / rows.Sum(r => r.Weight);
        var bias = Math.Log(positive / (1 - positive));
        var z = Enumerable.Repeat(bias, n).ToArray();
        var trees = new List<GateTree>();
        for (var t = 0; t < o.Trees; t++)
        {
            var g = new double[n];
            var h = new double[n];
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-z[i]));
                g[i] = rows[i].Weight * ((rows[i].Answers ? 1 : 0) - p);
                h[i] = rows[i].Weight * Math.Max(p * (1 - p), 1e-6);
            }
            var tree = new TreeBuilder(bins, splits, g, h, o);
            tree.Grow([.. Enumerable.Range(0, n)], 0);
            var built = tree.Build();
            trees.Add(built);
            for (var i = 0; i < n; i++) z[i] += built.Value(rows[i].Features);
        }
        return new GateModel((float)bias, [.. trees], threshold);
    }

    static float[] Quantiles(IEnumerable<float> values, int bins)
    {
        var sorted = values.Order().ToArray();
        return [.. Enumerable.Range(1, bins - 1).Select(b => sorted[b * (sorted.Length - 1) / bins]).Distinct().Where(v => v > sorted[0])];
    }

    static int Bin(float[] splits, float value)
    {
        var b = 0;
        while (b < splits.Length && value >= splits[b]) b++;
        return b;
    }

    sealed class TreeBuilder(int[][] bins, float[][] splits, double[] g, double[] h, BoostingOptions o)
    {
        readonly List<(int Feature, float Split, int Left, int Right, float Leaf)> nodes = [];

        public int Grow(int[] members, int depth)
        {
            var id = nodes.Count;
            var (G, H) = (members.Sum(i => g[i]), members.Sum(i => h[i]));
            nodes.Add((-1, 0, 0, 0, (float)(o.Shrinkage * G / (H + o.L2))));
            if (depth == o.Depth) return id;
            var (bestGain, bestFeature, bestBin) = (1e-9, -1, 0);
            for (var j = 0; j < splits.Length; j++)
            {
                if (splits[j].Length == 0) continue;
                var (gb, hb) = (new double[splits[j].Length + 1], new double[splits[j].Length + 1]);
                foreach (var i in members) { gb[bins[i][j]] += g[i]; hb[bins[i][j]] += h[i]; }
                var (gl, hl) = (0.0, 0.0);
                for (var b = 0; b < splits[j].Length; b++)
                {
                    gl += gb[b]; hl += hb[b];
                    var (gr, hr) = (G - gl, H - hl);
                    if (hl < o.MinLeafWeight * 0.25 || hr < o.MinLeafWeight * 0.25) continue;
                    var gain = gl * gl / (hl + o.L2) + gr * gr / (hr + o.L2) - G * G / (H + o.L2);
                    if (gain > bestGain) (bestGain, bestFeature, bestBin) = (gain, j, b);
                }
            }
            if (bestFeature < 0) return id;
            var left = members.Where(i => bins[i][bestFeature] <= bestBin).ToArray();
            var right = members.Where(i => bins[i][bestFeature] > bestBin).ToArray();
            var l = Grow(left, depth + 1);
            var r = Grow(right, depth + 1);
            nodes[id] = (bestFeature, splits[bestFeature][bestBin], l, r, 0);
            return id;
        }

        public GateTree Build() => new([.. nodes.Select(x => x.Feature)], [.. nodes.Select(x => x.Split)],
            [.. nodes.Select(x => x.Left)], [.. nodes.Select(x => x.Right)], [.. nodes.Select(x => x.Leaf)]);
    }
}
