using System.Text.Json;

namespace Engine;

/// <summary>Gives every parameter its value: command line over environment over parameters.&lt;profile&gt;.json over
/// parameters.json over the member's initializer.</summary>
internal static class ParameterResolver
{
    public static void Apply(
        BuildBase build,
        IReadOnlyList<ParameterMember> parameters,
        IReadOnlyDictionary<string, List<string>> options,
        IReadOnlyDictionary<string, string> environment,
        AbsolutePath root,
        string? profile,
        Redactor redactor)
    {
        var nuke = root / ".nuke";
        var files = new List<(string Source, Dictionary<string, JsonElement> Values)>();
        if (profile is not null)
        {
            var profileFile = nuke / $"parameters.{profile}.json";
            if (!File.Exists(profileFile))
            {
                throw new ParameterException($"Profile '{profile}' has no file {profileFile.RelativeTo(root)}.");
            }

            files.Add((profileFile.RelativeTo(root), Read(profileFile, root)));
        }

        if (File.Exists(nuke / "parameters.json"))
            files.Add((".nuke/parameters.json", Read(nuke / "parameters.json", root)));

        foreach (var parameter in parameters)
        {
            var key = ParameterMember.Normalize(parameter.Name);
            (IReadOnlyList<string> Values, string Source)? given = null;
            if (options.TryGetValue(key, out var cliValues))
            {
                given = (cliValues, $"the command line ({parameter.CommandLineName})");
            }
            else if (environment.TryGetValue(parameter.EnvironmentName, out var envValue))
            {
                given = ([envValue], $"the environment variable {parameter.EnvironmentName}");
            }
            else
            {
                foreach (var (source, values) in files)
                {
                    if (values.TryGetValue(key, out var element))
                    {
                        given = (FromJson(element), source);
                        break;
                    }
                }
            }

            if (given is { } value)
            {
                if (parameter.IsSecret)
                    value.Values.ToList().ForEach(redactor.Add);

                parameter.SetValue(build, ParameterConversion.Convert(parameter, value.Values, value.Source, root));
            }
            else if (parameter.IsSecret && parameter.GetValue(build) is string initial)
                redactor.Add(initial);
        }
    }

    private static Dictionary<string, JsonElement> Read(AbsolutePath file, AbsolutePath root)
    {
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            using var document = JsonDocument.Parse(File.ReadAllText(file), options);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Name != "$schema")
                .ToDictionary(p => ParameterMember.Normalize(p.Name), p => p.Value.Clone());
        }
        catch (JsonException e)
        {
            throw new ParameterException($"{file.RelativeTo(root)} is not valid JSON: {e.Message}");
        }
    }

    private static List<string> FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => [.. element.EnumerateArray().Select(Text)],
        JsonValueKind.Null => [],
        _ => [Text(element)],
    };

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
