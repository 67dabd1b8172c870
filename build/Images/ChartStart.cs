namespace Images;

/// <summary>
/// How the chart starts an app container, as far as its start-up work goes: an init container runs the image with
/// <paramref name="InitArguments"/> first, then the app container starts with <paramref name="Settings"/> and a secret
/// named <paramref name="SecretName"/> (a fresh random value per measurement, never logged). Standalone, the one
/// container does all of it at every start; ImageStartup measures both.
/// </summary>
/// <param name="DataDirectory">Where the image keeps its standalone data (the backend's SQLite file): one volume there
/// carries the init container's work to the app container, as the database does in a cluster.</param>
public sealed record ChartStart(IReadOnlyList<string> InitArguments, IReadOnlyDictionary<string, string> Settings, string SecretName,
    string DataDirectory);
