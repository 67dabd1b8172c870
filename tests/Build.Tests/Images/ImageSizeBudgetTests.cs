using Images;

namespace Build.Tests.Images;

public class ImageSizeBudgetTests
{
    static ImageSize Size(long uncompressed) => new(
        "todo-frontend",
        uncompressed,
        uncompressed / 3,
        [
            new LayerSize("ADD rootfs", 14_000_000, 6_000_000),
            new LayerSize("COPY artifacts/publish/todo-frontend/ /app/ # buildkit", uncompressed - 14_000_000, 9_000_000),
        ]);

    [Fact]
    public void An_image_exactly_at_its_budget_passes_and_one_byte_more_fails()
    {
        var budget = new ImageSizeBudget("todo-frontend", 150);

        Assert.True(budget.IsMetBy(Size(150_000_000)));
        Assert.False(budget.IsMetBy(Size(150_000_001)));
    }

    [Fact]
    public void Budgets_are_in_decimal_megabytes_as_docker_images_shows_them() =>
        Assert.Equal(62_500_000, new ImageSizeBudget("todo-backend", 62.5).Bytes);

    [Fact]
    public void The_table_shows_sizes_the_verdict_and_the_largest_layers_first()
    {
        var table = ImageSizeBudget.Table([(Size(160_000_000), new ImageSizeBudget("todo-frontend", 150))]);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("todo-frontend", lines[1], StringComparison.Ordinal);
        Assert.Contains("160.0 MB", lines[1], StringComparison.Ordinal);
        Assert.Contains("OVER by 10.0 MB", lines[1], StringComparison.Ordinal);
        Assert.Contains("146.0 MB", lines[2], StringComparison.Ordinal);
        Assert.Contains("COPY artifacts/publish/todo-frontend", lines[2], StringComparison.Ordinal);
        Assert.Contains("ADD rootfs", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_within_budget_shows_how_much_of_it_is_used()
    {
        var table = ImageSizeBudget.Table([(Size(45_000_000), new ImageSizeBudget("todo-frontend", 150))]);

        Assert.Contains("ok (30% of budget)", table, StringComparison.Ordinal);
    }
}
