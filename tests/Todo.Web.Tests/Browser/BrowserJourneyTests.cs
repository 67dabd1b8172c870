using System.Globalization;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Todo.Web.Tests.Browser;

/// <summary>
/// A person's first session, in Debian's Chromium, through the real host (in-process Kestrel on a loopback port) and
/// the real backend (child process, SQLite). Each step leaves a screenshot under artifacts/screenshots/ for review.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserJourneyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42!";
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private RunningApps apps = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private Uri frontend = null!;
    private readonly List<string> consoleErrors = [];

    public async Task InitializeAsync()
    {
        var executable = Chromium.Executable; // fail first, with the message saying how to get it
        output.WriteLine($"Chromium: {executable}");
        try
        {
            apps = await RunningApps.StartAsync();
            frontend = apps.Frontend;
            (playwright, browser) = await Chromium.LaunchAsync();
        }
        catch
        {
            // xUnit does not call DisposeAsync when InitializeAsync throws: stop the backend process here.
            await DisposeAsync();
            throw;
        }
        // Generous: CI machines are small and shared; a step that really fails still fails, just later.
        Assertions.SetDefaultExpectTimeout(30_000);
        Directory.CreateDirectory(RepositoryLayout.Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
        if (apps is not null)
            await apps.DisposeAsync();
    }

    [Fact]
    public async Task Sign_up_work_through_the_chat_and_the_list_sign_out_and_find_the_history_again()
    {
        try
        {
            await RunJourneyAsync();
        }
        catch
        {
            output.WriteLine("--- browser console errors ---\n" + string.Join("\n", consoleErrors));
            output.WriteLine("--- backend output ---\n" + apps.Backend.Output);
            throw;
        }
    }

    private async Task RunJourneyAsync()
    {
        var email = $"ada-{Guid.NewGuid():N}@example.com";
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Desktop, BaseURL = frontend.ToString() });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // The browser also reports every 4xx as a console error (the first visit's 401 from /api/auth/me is
            // how the app learns nobody is signed in); script errors and CSP violations are what this watches for.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                consoleErrors.Add(message.Text);
        };

        // First load: navigation start → the sign-in form is usable.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome back" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var interactiveMs = await page.EvaluateAsync<double>("() => performance.now()");
        output.WriteLine($"first load (cold, loopback): navigation start → sign-in form interactive = {interactiveMs.ToString("F0", CultureInfo.InvariantCulture)} ms");
        await ShotAsync(page, "01-sign-in");

        // Sign up.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Ada");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await ShotAsync(page, "02-sign-up-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var composer = page.GetByLabel("Message the assistant");
        await Expect(composer).ToBeVisibleAsync();
        await Expect(page.GetByText("Your list is empty")).ToBeVisibleAsync();
        await ShotAsync(page, "03-signed-up-empty");

        // "add buy milk" in the chat: the task appears in the list.
        await composer.FillAsync("add buy milk");
        await composer.PressAsync("Enter");
        var milk = page.Locator("li.task", new() { HasText = "buy milk" });
        await Expect(milk).ToBeVisibleAsync();
        await Expect(page.Locator("article.message.assistant .action").First).ToBeVisibleAsync();
        await Expect(composer).ToBeFocusedAsync();
        await ShotAsync(page, "04-chat-added-buy-milk");

        // Complete it from the list.
        await milk.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(page.Locator("li.task.done", new() { HasText = "buy milk" })).ToBeVisibleAsync();
        await ShotAsync(page, "05-completed-from-list");

        // Ask the chat what is on the list.
        await composer.FillAsync("what's on my list");
        await composer.PressAsync("Enter");
        await Expect(page.Locator("article.message.assistant")).ToHaveCountAsync(2);
        // The list is all done now, so the assistant reports no open tasks; what matters is that it looked.
        await Expect(page.Locator("article.message.assistant").Last.Locator(".action[data-tool='list_tasks']")).ToBeVisibleAsync();
        await ShotAsync(page, "06-chat-whats-on-my-list");

        // Delete it from the chat: the list follows.
        await composer.FillAsync("delete buy milk");
        await composer.PressAsync("Enter");
        await Expect(page.Locator("article.message.assistant")).ToHaveCountAsync(3);
        await Expect(page.Locator("li.task")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Your list is empty")).ToBeVisibleAsync();
        await ShotAsync(page, "07-chat-deleted-buy-milk");

        // Sign out, and back in: the conversation is kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await ShotAsync(page, "08-signed-out");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(composer).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "History" }).ClickAsync();
        var conversation = page.Locator("button.conversation").First;
        await Expect(conversation).ToContainTextAsync("add buy milk");
        await ShotAsync(page, "09-history");
        await conversation.ClickAsync();
        await Expect(page.Locator("article.message.user")).ToHaveCountAsync(3);
        await Expect(page.Locator("article.message.user").First).ToHaveTextAsync("add buy milk");
        await ShotAsync(page, "10-history-opened");

        // The same session on a phone: one pane at a time.
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ShotAsync(page, "11-phone-chat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tasks", Exact = true }).ClickAsync();
        await page.GetByLabel("New task").FillAsync("water the plants");
        await page.GetByLabel("New task").PressAsync("Enter");
        await Expect(page.Locator("li.task", new() { HasText = "water the plants" })).ToBeVisibleAsync();
        await ShotAsync(page, "12-phone-tasks");

        // Edit it in place: notes, priority and a due date.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit water the plants" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Edit task" });
        await editor.GetByLabel("Notes").FillAsync("The ferns first");
        await editor.GetByLabel("Priority").SelectOptionAsync("High");
        await editor.GetByLabel("Due").FillAsync(DateTime.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ShotAsync(page, "13-phone-editing");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".badge.priority-high")).ToHaveTextAsync("High priority");
        await Expect(page.Locator(".badge.due")).ToHaveTextAsync("Tomorrow");
        await ShotAsync(page, "14-phone-edited");

        consoleErrors.ShouldBeEmpty("no script errors and no Content-Security-Policy violations");
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryLayout.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
