namespace Cluster;

/// <summary>Object names the chart gives a release with its default <c>namePrefix: todo</c> (charts/todo-app/values.yaml).</summary>
public static class ReleaseNames
{
    public const string FrontendService = "todo-frontend";
    public const string BackendService = "todo-backend";
}
