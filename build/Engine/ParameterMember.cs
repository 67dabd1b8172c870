using System.Reflection;
using System.Text;

namespace Engine;

/// <summary>One [Parameter] field of the build and its three spellings.</summary>
internal sealed class ParameterMember
{
    private readonly FieldInfo _field;

    private ParameterMember(FieldInfo field, ParameterAttribute attribute)
    {
        _field = field;
        Name = field.Name;
        Description = attribute.Description;
        IsSecret = field.GetCustomAttribute<SecretAttribute>() is not null;
        Type = field.FieldType;
        CommandLineName = "--" + string.Join('-', Words(Name)).ToLowerInvariant();
        EnvironmentName = string.Join('_', Words(Name)).ToUpperInvariant();
    }

    public string Name { get; }

    public string Description { get; }

    public bool IsSecret { get; }

    public Type Type { get; }

    public string CommandLineName { get; }

    public string EnvironmentName { get; }

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var members = new List<ParameterMember>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(flags).OrderBy(f => f.MetadataToken))
            {
                if (field.GetCustomAttribute<ParameterAttribute>() is { } attribute && members.All(m => m.Name != field.Name))
                    members.Add(new ParameterMember(field, attribute));
            }
        }

        return members;
    }

    public object? GetValue(object build) => _field.GetValue(build);

    public void SetValue(object build, object? value) => _field.SetValue(build, value);

    /// <summary>Lower-cased without separators, so --kube-context, --kubecontext and KubeContext all match.</summary>
    public static string Normalize(string name) =>
        new(name.TrimStart('-').Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Splits PascalCase into words, keeping acronyms together: "CIMode" → CI, Mode;
    /// "OpenAiApiKey" → Open, Ai, Api, Key.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if ((startsWord || c == '_') && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (c != '_')
                word.Append(c);
        }

        if (word.Length > 0)
            yield return word.ToString();
    }
}
