using System.Globalization;
using System.Text;

namespace Images;

/// <summary>One layer of an image: the instruction that made it and its size as stored (uncompressed) and as pulled
/// (gzip, what a registry transfers and a node downloads).</summary>
public sealed record LayerSize(string CreatedBy, long UncompressedBytes, long CompressedBytes);

public sealed record ImageSize(string Image, long UncompressedBytes, long CompressedBytes, IReadOnlyList<LayerSize> Layers)
{
    public IEnumerable<LayerSize> LargestLayers(int count) => Layers.OrderByDescending(l => l.UncompressedBytes).Take(count);
}

/// <summary>How large an image may be, in megabytes (10^6 bytes, the unit `docker images` shows), measured
/// uncompressed: that is what a node's disk holds, and the stricter of the two sizes.</summary>
public sealed record ImageSizeBudget(string Image, double Megabytes)
{
    public long Bytes => (long)(Megabytes * 1_000_000);

    public bool IsMetBy(ImageSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        return size.UncompressedBytes <= Bytes;
    }

    public static string FormatMegabytes(long bytes) => (bytes / 1_000_000d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The table ImageSizeCheck prints: one row per image, then its largest layers.</summary>
    public static string Table(IReadOnlyList<(ImageSize Size, ImageSizeBudget Budget)> rows, int layersPerImage = 3)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"image",-16} {"uncompressed",13} {"compressed",11} {"budget",9}  verdict");
        foreach (var (size, budget) in rows)
        {
            var verdict = budget.IsMetBy(size)
                ? $"ok ({100d * size.UncompressedBytes / budget.Bytes:0}% of budget)"
                : $"OVER by {FormatMegabytes(size.UncompressedBytes - budget.Bytes)}";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{size.Image,-16} {FormatMegabytes(size.UncompressedBytes),13} {FormatMegabytes(size.CompressedBytes),11} "
                    + $"{FormatMegabytes(budget.Bytes),9}  {verdict}");
            foreach (var layer in size.LargestLayers(layersPerImage))
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"  {FormatMegabytes(layer.UncompressedBytes),13} {FormatMegabytes(layer.CompressedBytes),11}  "
                        + $"{Shorten(layer.CreatedBy)}");
        }

        return table.ToString();
    }

    /// <summary>What to try when an image is over budget, in order of what usually helps most.</summary>
    public const string OverBudgetHint =
        "Hint: look at the largest layers above. The app layer shrinks with a trimmed or NativeAOT publish (see docs/images.md); " +
        "check artifacts/publish/<image> for files that should not ship (symbols, test data, unused runtimes); the base " +
        "layer is fixed by the lock file or the official image. Raise a budget only deliberately: --backend-image-budget-mb / "
            + "--frontend-image-budget-mb.";

    static string Shorten(string createdBy)
    {
        var text = createdBy.Replace("/bin/sh -c #(nop) ", "", StringComparison.Ordinal).Trim();
        return text.Length > 70 ? text[..67] + "..." : text;
    }
}
