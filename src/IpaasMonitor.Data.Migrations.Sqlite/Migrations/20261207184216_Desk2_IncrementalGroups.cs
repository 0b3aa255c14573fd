using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Desk2_IncrementalGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FailureGroupChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CauseKey = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroupChanges", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "FailureGroupChanges",
                columns: new[] { "Id", "CauseKey" },
                values: new object[] { 1L, "*" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RunSummaries",
                table: "Messages",
                columns: new[] { "Situation", "ConnectionId" },
                filter: "\"Component\" = 'Count'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FailureGroupChanges");

            migrationBuilder.DropIndex(
                name: "IX_Messages_RunSummaries",
                table: "Messages");
        }
    }
}
