using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Todo.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerUserTaskNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_UserId_Id",
                table: "tasks");

            migrationBuilder.AddColumn<int>(
                name: "LastTaskNumber",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing tasks are numbered per user in the order they were added (their global id order), and each
            // user's counter starts after their highest number. Plain SQL that PostgreSQL and SQLite both run.
            migrationBuilder.Sql(
                """
                UPDATE tasks SET "Number" =
                    (SELECT COUNT(*) FROM tasks AS earlier WHERE earlier."UserId" = tasks."UserId" AND earlier."Id" <= tasks."Id");
                """);
            migrationBuilder.Sql(
                """
                UPDATE users SET "LastTaskNumber" =
                    COALESCE((SELECT MAX(t."Number") FROM tasks AS t WHERE t."UserId" = users."Id"), 0);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_UserId_Number",
                table: "tasks",
                columns: new[] { "UserId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_UserId_Number",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "LastTaskNumber",
                table: "users");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_UserId_Id",
                table: "tasks",
                columns: new[] { "UserId", "Id" });
        }
    }
}
