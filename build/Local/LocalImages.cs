namespace Local;

/// <summary>The two images a local run starts and the port each listens on, as the image stage recorded them.</summary>
public sealed record LocalImages(string Backend, int BackendPort, string Frontend, int FrontendPort);
