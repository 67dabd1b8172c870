using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Todo.Contracts;
using Todo.Web.Client.Api;
using Todo.Web.Client.Session;

namespace Todo.Web.Tests.Components;

/// <summary>A bUnit context wired like the browser app's Program.cs, with the network replaced by a script.</summary>
public abstract class ComponentTest : BunitContext
{
    protected static readonly UserProfile Ada = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "ada@example.com", "Ada");

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new HttpClient(Transport) { BaseAddress = new Uri("http://todo.test/") });
        Services.AddSingleton<TodoApi>();
        Services.AddSingleton(Session);
        Session.SignedIn(Ada);
    }

    protected ScriptedTransport Transport { get; } = new();

    protected SessionState Session { get; } = new();

    protected static TodoJsonContext Json => TodoJsonContext.Default;

    protected static TaskItem Task(int id, string title, bool done = false) =>
        new(id, title, null, done, TaskPriority.Medium, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, done ? DateTimeOffset.UtcNow : null);
}
