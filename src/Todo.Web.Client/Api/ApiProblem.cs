using System.Text.Json.Serialization;

namespace Todo.Web.Client.Api;

/// <summary>The parts of an RFC 7807 problem details body the UI shows to people.</summary>
public sealed record ApiProblem(
    string? Title,
    string? Detail,
    int? Status,
    Dictionary<string, string[]>? Errors)
{
    /// <summary>One sentence for a person: the detail if the server gave one, else the first field error, else the title.</summary>
    public string Describe() =>
        !string.IsNullOrWhiteSpace(Detail) ? Detail
        : Errors is { Count: > 0 } ? string.Join(" ", Errors.Values.SelectMany(messages => messages))
        : !string.IsNullOrWhiteSpace(Title) ? Title
        : "The request was refused.";
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
