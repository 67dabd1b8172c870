namespace Engine;

/// <summary>An absolute, normalized file system path. Converts implicitly to <see cref="string"/> so it can be used
/// anywhere a path string is expected; <c>/</c> appends a relative part like NUKE's paths.</summary>
public sealed record AbsolutePath
{
    private readonly string _value;

    public AbsolutePath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.Path.IsPathRooted(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        _value = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
    }

    public string Name => System.IO.Path.GetFileName(_value);

    public AbsolutePath? Parent => System.IO.Path.GetDirectoryName(_value) is { } parent ? new AbsolutePath(parent) : null;

    public bool Exists => File.Exists(_value) || Directory.Exists(_value);

    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return new AbsolutePath(System.IO.Path.Combine(left._value, right));
    }

    public static implicit operator string(AbsolutePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path._value;
    }

    /// <summary>This path relative to <paramref name="baseDirectory"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return System.IO.Path.GetRelativePath(baseDirectory._value, _value).Replace('\\', '/');
    }

    public override string ToString() => _value;
}
