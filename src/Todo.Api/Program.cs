using Todo.Api.Hosting;

// One image, three verbs: serve (default), `migrate` (schema only, then exit) and `selftest` (probe a deployment).
return args switch
{
    ["migrate", .. var rest] => await TodoApiHost.MigrateAsync(rest),
    ["selftest", ..] => await SelfTest.RunAsync(Environment.GetEnvironmentVariable("SELFTEST_BACKEND_URL"),
        Environment.GetEnvironmentVariable("SELFTEST_FRONTEND_URL"), Console.Out),
    _ => await TodoApiHost.RunAsync(args),
};

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
