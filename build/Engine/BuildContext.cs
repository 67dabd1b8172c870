namespace Engine;

/// <summary>What code outside a target's own class may read of the running build (NUKE's static
/// <c>NukeBuild.RootDirectory</c> and <c>EnvironmentInfo</c>): its root and the environment it was given. Outside a
/// build, the current directory and the process environment.</summary>
public static class BuildContext
{
    public static AbsolutePath RootDirectory => BuildSession.Current.RootDirectory;

    public static IReadOnlyDictionary<string, string> Environment => BuildSession.Current.Environment;
}
