using System.Globalization;

namespace Resilience;

/// <summary>How one malformed request was answered, and by which app.</summary>
public sealed record BurstAnswer(string App, MalformedRequest Request, int? Status, string? Error);

/// <summary>
/// The malformed burst in numbers. Any 4xx is a fine answer; a 5xx is a defect. A connection the server closed
/// without answering (e.g. after refusing a 2 MiB body mid-upload) is counted apart: not a 5xx, but worth seeing.
/// </summary>
public sealed record BurstFigures(int Requests, IReadOnlyDictionary<string, int> ByStatusClass, IReadOnlyList<BurstAnswer> ServerErrors,
    IReadOnlyList<BurstAnswer> Unanswered)
{
    public bool NoServerErrors => ServerErrors.Count == 0;

    public static BurstFigures From(IReadOnlyCollection<BurstAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var byClass = answers
            .GroupBy(answer => answer.Status is { } status ? $"{status / 100}xx" : "no answer")
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count());
        return new BurstFigures(
            answers.Count,
            byClass,
            answers.Where(answer => answer.Status >= 500).ToList(),
            answers.Where(answer => answer.Status is null).ToList());
    }

    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"requests {Requests}: {string.Join(", ", ByStatusClass.Select(entry => $"{entry.Key} {entry.Value}"))}; 5xx: "
                + $"{ServerErrors.Count}");
        foreach (var answer in ServerErrors.Take(20))
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  5xx {answer.Status} from {answer.App}: {answer.Request.Description}");
        foreach (var answer in Unanswered.Take(10))
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  no answer from {answer.App}: {answer.Request.Description} ({answer.Error})");
    }
}
