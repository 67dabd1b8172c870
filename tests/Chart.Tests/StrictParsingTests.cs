using Helm;

namespace Chart.Tests;

/// <summary>helm renders text and does not notice a misspelled field; the strict typed parse does.</summary>
public sealed class StrictParsingTests(ChartFixture chart) : IClassFixture<ChartFixture>, IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"todo-chart-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_misspelled_field_in_a_template_is_caught_with_the_template_and_line()
    {
        var broken = CopyChartWith("templates/backend/deployment.yaml", "revisionHistoryLimit:", "revisionHistoryLimt:");
        var verification = new ChartVerification(chart.Helm, broken);

        // helm itself is content: lint and template both accept the typo.
        var lint = await chart.Helm.LintAsync(broken, ChartValues.Defaults);
        var template = await chart.Helm.TemplateAsync("todo", broken, "todo", ChartValues.Defaults);
        Assert.Equal((0, 0), (lint.ExitCode, template.ExitCode));

        var failure = Assert.Throws<ManifestParseException>(() => RenderedManifest.ParseStrict(template.StandardOutput));
        Assert.Equal("todo-app/templates/backend/deployment.yaml", failure.Template);
        Assert.Contains("revisionHistoryLimt", failure.Reason, StringComparison.Ordinal);
        Assert.Equal("  revisionHistoryLimt: 5", template.StandardOutput.ReplaceLineEndings("\n").Split('\n')[failure.RenderLine - 1]);

        var verdict = await verification.VerifyAsync(new ChartProfile("default", ChartValues.Defaults));
        Assert.Contains(verdict.Failures, f => f.StartsWith("strict parse: todo-app/templates/backend/deployment.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_caught()
    {
        var broken = CopyChartWith("templates/frontend/deployment.yaml", "containerPort: 8080", "containerPort: http-port");

        var failure = await Assert.ThrowsAsync<ManifestParseException>(
            () => new ChartVerification(chart.Helm, broken).RenderAsync(ChartValues.Defaults));

        Assert.Equal("todo-app/templates/frontend/deployment.yaml", failure.Template);
    }

    [Fact]
    public void Every_document_is_typed_and_keeps_the_template_it_came_from()
    {
        const string render = """
            ---
            # Source: todo-app/templates/a.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            ---
            # Source: todo-app/templates/empty.yaml
            ---
            # Source: todo-app/templates/b.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: b
            """;

        var manifest = RenderedManifest.ParseStrict(render);

        Assert.Equal(["todo-app/templates/a.yaml: ConfigMap/a", "todo-app/templates/b.yaml: Service/b"],
            manifest.Objects.Select(o => $"{o.Source}: {o}"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    private string CopyChartWith(string template, string find, string replaceWith)
    {
        var target = Path.Combine(_copy, "todo-app");
        foreach (var file in Directory.EnumerateFiles(chart.ChartDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(chart.ChartDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var path = Path.Combine(target, template);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replaceWith, StringComparison.Ordinal));
        return target;
    }
}
