using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Contracts;

/// <summary>
/// Source-generated serialization for every contract, so trimmed servers and the WebAssembly client need no
/// reflection-based JSON. Web defaults: camelCase names, case-insensitive reads.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(TaskItem))]
[JsonSerializable(typeof(List<TaskItem>))]
[JsonSerializable(typeof(CreateTaskRequest))]
[JsonSerializable(typeof(UpdateTaskRequest))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(List<ConversationSummary>))]
[JsonSerializable(typeof(List<ConversationMessage>))]
public sealed partial class TodoJsonContext : JsonSerializerContext;
