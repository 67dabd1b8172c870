namespace Todo.Web.Security;

/// <summary>
/// The page's Content-Security-Policy: exactly what Blazor WebAssembly needs. Scripts only from this origin, plus
/// 'wasm-unsafe-eval' so the browser may compile the .NET runtime's WebAssembly. No 'unsafe-inline' (index.html has no
/// inline script or style, and components never write style attributes), no 'unsafe-eval', no other origin: the API
/// is same-origin because the host forwards it.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Value =
        "default-src 'self'; " +
        "script-src 'self' 'wasm-unsafe-eval'; " +
        "style-src 'self'; " +
        "img-src 'self'; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";
}
