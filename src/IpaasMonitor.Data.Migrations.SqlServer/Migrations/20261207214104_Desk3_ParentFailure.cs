using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Desk3_ParentFailure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ParentDiagram",
                table: "Messages",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentKey",
                table: "Messages",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HeldItems",
                table: "FailureGroups",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HeldWaits",
                table: "FailureGroups",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ParentCauseKey",
                table: "FailureGroups",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_WaitsByParent",
                table: "Messages",
                columns: new[] { "ConnectionId", "ParentDiagram", "ParentKey", "Diagram", "BusinessKey", "CauseKey" },
                filter: "\"Situation\" = 3 AND \"ParentKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_WaitsByParent",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ParentDiagram",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ParentKey",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "HeldItems",
                table: "FailureGroups");

            migrationBuilder.DropColumn(
                name: "HeldWaits",
                table: "FailureGroups");

            migrationBuilder.DropColumn(
                name: "ParentCauseKey",
                table: "FailureGroups");
        }
    }
}
