using Todo.Contracts;

namespace Todo.Api.Tasks;

/// <summary>The rules a task must satisfy, as field → messages (the shape of RFC 7807 validation problems).</summary>
public static class TaskValidation
{
    // A due date outside this range is a typo (year 20256), not a plan.
    public static readonly DateOnly EarliestDueDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDueDate = new(2100, 12, 31);

    public static Dictionary<string, string[]> Validate(CreateTaskRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        CheckTitle(request.Title, errors);
        CheckDescription(request.Description, errors);
        CheckPriority(request.Priority, errors);
        CheckDueDate(request.DueDate, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(UpdateTaskRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Title is not null)
        {
            CheckTitle(request.Title, errors);
        }

        CheckDescription(request.Description, errors);
        CheckPriority(request.Priority, errors);
        CheckDueDate(request.DueDate, errors);
        if (request.ClearDueDate && request.DueDate is not null)
        {
            errors["dueDate"] = ["Give a due date or clear it, not both."];
        }

        return errors;
    }

    public static string Describe(Dictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(m => m));

    private static void CheckTitle(string? title, Dictionary<string, string[]> errors)
    {
        var length = title?.Trim().Length ?? 0;
        if (length is 0 or > TaskLimits.TitleMaxLength)
        {
            errors["title"] = [$"The title must be 1 to {TaskLimits.TitleMaxLength} characters long."];
        }
        else if (TextRules.HasControlCharacters(title))
        {
            errors["title"] = ["The title must be one line of text, without control characters such as NUL."];
        }
    }

    private static void CheckDescription(string? description, Dictionary<string, string[]> errors)
    {
        if (description is { Length: > TaskLimits.DescriptionMaxLength })
        {
            errors["description"] = [$"The description must be at most {TaskLimits.DescriptionMaxLength} characters long."];
        }
        else if (TextRules.HasControlCharacters(description, multiline: true))
        {
            errors["description"] = ["The description must not contain control characters such as NUL (tabs and line breaks are fine)."];
        }
    }

    private static void CheckPriority(TaskPriority? priority, Dictionary<string, string[]> errors)
    {
        // JSON numbers convert to any enum value, so 7 would slip through deserialization.
        if (priority is { } value && !Enum.IsDefined(value))
        {
            errors["priority"] = ["The priority must be low, medium or high."];
        }
    }

    private static void CheckDueDate(DateOnly? dueDate, Dictionary<string, string[]> errors)
    {
        if (dueDate is { } date && (date < EarliestDueDate || date > LatestDueDate))
        {
            errors["dueDate"] = [$"The due date must be between {EarliestDueDate:yyyy-MM-dd} and {LatestDueDate:yyyy-MM-dd}."];
        }
    }
}
