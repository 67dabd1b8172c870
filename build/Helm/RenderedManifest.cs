using k8s;
using k8s.Models;
using YamlDotNet.Core;

namespace Helm;

/// <summary>One object of a render, typed, with the template it came from (helm's "# Source:" comment).</summary>
public sealed record RenderedObject(string Source, IKubernetesObject Resource)
{
    public string Kind => Resource.Kind;

    public string Name => (Resource as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? "?";

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>The output of <c>helm template</c> parsed strictly into KubernetesClient's typed models. helm itself
/// does not notice a misspelled field (it renders text); the typed models do: an unknown property is an error.</summary>
public sealed class RenderedManifest
{
    private RenderedManifest(IReadOnlyList<RenderedObject> objects) => Objects = objects;

    public IReadOnlyList<RenderedObject> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.Select(o => o.Resource).OfType<T>();

    /// <summary>Parses every document; the first that does not fit its type throws <see cref="ManifestParseException"/>
    /// naming the template, the line (in the render and in that document) and the reason.</summary>
    public static RenderedManifest ParseStrict(string renderedYaml)
    {
        ArgumentNullException.ThrowIfNull(renderedYaml);
        var objects = new List<RenderedObject>();
        foreach (var document in Split(renderedYaml))
        {
            IList<object> parsed;
            try
            {
                parsed = KubernetesYaml.LoadAllFromString(document.Text, typeMap: null, strict: true);
            }
            catch (YamlException e)
            {
                var line = (int)e.Start.Line;
                throw new ManifestParseException(document.Source, document.FirstLine + line - 1, line, Reason(e));
            }

            objects.AddRange(parsed.OfType<IKubernetesObject>().Select(o => new RenderedObject(document.Source, o)));
        }

        return new RenderedManifest(objects);
    }

    private static string Reason(YamlException e)
    {
        // YamlDotNet wraps the real cause (e.g. "Property 'replcas' not found on type ...") in outer exceptions.
        Exception innermost = e;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost == e ? e.Message : $"{e.Message} {innermost.Message}";
    }

    private sealed record Document(string Source, int FirstLine, string Text);

    private static IEnumerable<Document> Split(string renderedYaml)
    {
        var lines = renderedYaml.ReplaceLineEndings("\n").Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && lines[i].TrimEnd() != "---")
            {
                continue;
            }

            var body = lines[start..i];
            if (body.Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
            {
                var source = body.FirstOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal))?["# Source: ".Length..].Trim()
                    ?? "(no # Source: comment)";
                yield return new Document(source, start + 1, string.Join('\n', body));
            }

            start = i + 1;
        }
    }
}

public sealed class ManifestParseException : Exception
{
    public ManifestParseException()
    {
    }

    public ManifestParseException(string message)
        : base(message)
    {
    }

    public ManifestParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManifestParseException(string source, int renderLine, int documentLine, string reason)
        : base($"{source} (line {documentLine} of its document, line {renderLine} of the render): {reason}")
    {
        Template = source;
        RenderLine = renderLine;
        Reason = reason;
    }

    /// <summary>The template, e.g. todo-app/templates/backend/deployment.yaml.</summary>
    public string Template { get; } = "";

    public int RenderLine { get; }

    public string Reason { get; } = "";
}
