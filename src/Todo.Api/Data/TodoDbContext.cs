using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Todo.Contracts;

namespace Todo.Api.Data;

/// <summary>
/// The model, shared by both providers. Each provider has its own subclass so it gets its own migration set
/// (PostgreSQL and SQLite generate different DDL); the app always asks for <see cref="TodoDbContext"/>.
/// </summary>
public abstract class TodoDbContext : DbContext
{
    // EF Core marks its constructor as not trim-safe because it reflects over the entity types and its own services.
    // The published image keeps both whole: Todo.Api.csproj roots this assembly (the entities) and the EF Core and
    // provider assemblies (TrimmerRootAssembly), so the trimmer removes nothing EF can reach. The trimmed image's
    // tests (tests/Images.Tests) exercise sign-up, tasks, chat and MCP against it.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The entities and EF Core are trimmer roots (Todo.Api.csproj).")]
    protected TodoDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<TodoTask> Tasks => Set<TodoTask>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<StoredMessage> Messages => Set<StoredMessage>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<UserSession> Sessions => Set<UserSession>();

    // Composite indexes are named by property, not with `x => new { x.A, x.B }`: building that expression tree creates an
    // anonymous type through reflection the trimmer cannot see (IL2026 in the published backend). Same index either way.
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserAccount>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasMaxLength(254);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
        });

        modelBuilder.Entity<UserSession>(session =>
        {
            session.ToTable("sessions");
            session.Property(s => s.Id).ValueGeneratedNever();
            // Revoking "every other session" and pruning expired ones both go by user.
            session.HasIndex(s => s.UserId);
            session.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TodoTask>(task =>
        {
            task.ToTable("tasks");
            task.Property(t => t.Title).HasMaxLength(TaskLimits.TitleMaxLength);
            task.Property(t => t.Description).HasMaxLength(TaskLimits.DescriptionMaxLength);
            task.Property(t => t.Priority).HasConversion(new EnumToStringConverter<TaskPriority>()).HasMaxLength(16);
            // Every query is "this user's tasks, in number order": one index serves list, filter and lookup, and being
            // unique it is the last word if two replicas ever handed out one number twice.
            task.HasIndex(nameof(TodoTask.UserId), nameof(TodoTask.Number)).IsUnique();
            task.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.Property(c => c.Id).ValueGeneratedNever();
            conversation.Property(c => c.Title).HasMaxLength(100);
            conversation.Property(c => c.PendingAction).HasMaxLength(16);
            conversation.HasIndex(nameof(Conversation.UserId), nameof(Conversation.UpdatedAt));
            conversation.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredMessage>(message =>
        {
            message.ToTable("messages");
            message.Property(m => m.Role).HasMaxLength(16);
            message.HasIndex(nameof(StoredMessage.ConversationId), nameof(StoredMessage.Id));
            message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.Property(k => k.Id).ValueGeneratedNever();
        });
    }
}

public sealed class PostgresTodoDbContext(DbContextOptions<PostgresTodoDbContext> options) : TodoDbContext(options);

public sealed class SqliteTodoDbContext(DbContextOptions<SqliteTodoDbContext> options) : TodoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type; storing UTC ticks keeps ORDER BY and comparisons in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
