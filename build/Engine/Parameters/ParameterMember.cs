using System.Reflection;
using System.Text;

namespace Engine;

/// <summary>One [Parameter] field or property of the build and its three spellings.</summary>
internal sealed class ParameterMember
{
    private readonly MemberInfo _member;

    private ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        _member = member;
        Name = member.Name;
        Description = attribute.Description;
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        Type = member switch
        {
            FieldInfo field => field.FieldType,
            PropertyInfo property => property.PropertyType,
            _ => throw new InvalidOperationException(),
        };
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
            foreach (var member in type.GetMembers(flags).Where(m => m is FieldInfo or PropertyInfo).OrderBy(m => m.MetadataToken))
            {
                if (member.GetCustomAttribute<ParameterAttribute>() is { } attribute && members.All(m => m.Name != member.Name))
                {
                    members.Add(new ParameterMember(member, attribute));
                }
            }
        }

        return members;
    }

    public object? GetValue(object build) => _member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (_member)
        {
            case FieldInfo field:
                field.SetValue(build, value);
                break;
            case PropertyInfo { CanWrite: true } property:
                property.SetValue(build, value);
                break;
            case PropertyInfo property:
                // A get-only auto property: write its backing field.
                var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"Parameter {property.Name} is a property without a setter or backing field.");
                backing.SetValue(build, value);
                break;
        }
    }

    /// <summary>Lower-cased without separators, so --kube-context, --kubecontext and KubeContext all match.</summary>
    public static string Normalize(string name) =>
        new(name.TrimStart('-').Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Splits PascalCase into words, keeping acronyms together: "CIMode" → CI, Mode; "OpenAiApiKey" → Open, Ai, Api, Key.</summary>
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
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
