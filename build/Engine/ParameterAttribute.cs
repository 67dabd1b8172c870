namespace Engine;

/// <summary>Marks a field of the build as a parameter: <c>--kebab-name</c> on the command line,
/// <c>UPPER_SNAKE</c> in the environment, the member's name in <c>.nuke/parameters.json</c>.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;
}

/// <summary>The parameter's value is never printed: it is redacted from every log line and the audit log,
/// and <c>--help</c> shows no default for it.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class SecretAttribute : Attribute;
